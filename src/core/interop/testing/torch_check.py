"""Loads each exported PyTorch model with its weights.npz and compares its predictions with LayerLab's.

Usage: python torch_check.py DIR...   Each DIR holds model.py, weights.npz and check.npz (x, expected).
Prints one JSON line per DIR: the largest absolute difference and the parameter counts.
"""
import importlib.util
import json
import sys

import numpy as np
import torch

torch.set_num_threads(1)
for index, directory in enumerate(sys.argv[1:]):
    spec = importlib.util.spec_from_file_location(f'exported_model_{index}', f'{directory}/model.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_weights(module.Model(), f'{directory}/weights.npz').eval()
    with np.load(f'{directory}/check.npz') as data:
        x, expected = data['x'], data['expected']
    with torch.no_grad():
        y = module.to_channels_last(model(module.to_channels_first(torch.from_numpy(x)))).numpy()
    print(json.dumps({
        'dir': directory,
        'shape': list(y.shape),
        'maxAbsDiff': float(np.abs(y - expected).max()),
        'params': module.count_parameters(model),
        'declared': module.PARAMETERS,
    }), flush=True)
