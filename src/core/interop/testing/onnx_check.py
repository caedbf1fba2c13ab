"""Checks exported ONNX models with the reference checker (onnx.checker, full check with shape inference).

Usage: python onnx_check.py MODEL.onnx...   Prints one JSON line per model: its opset and operators.
"""
import json
import sys

import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    print(json.dumps({
        'path': path,
        'opset': model.opset_import[0].version,
        'producer': f'{model.producer_name} {model.producer_version}',
        'ops': sorted({node.op_type for node in model.graph.node}),
    }), flush=True)
