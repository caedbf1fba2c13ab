"""Writes the NumPy fixtures the .npy/.npz readers are tested against: files written by numpy itself, not by our own
writer, so a reader bug that our writer shares cannot hide. Deterministic (no random values).

    python3 scripts/generate-numpy-fixtures.py [OUT_DIR]      # default: src/core/datasets/fixtures/numpy

Besides the files it writes manifest.json: for every array its dtype, shape, memory order and values (flattened in C
order, as numpy's tolist gives them), so the tests compare what our readers decode with what numpy says is there.
"""
import json
import os
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join("src", "core", "datasets", "fixtures", "numpy")


def describe(array):
    return {
        "dtype": array.dtype.str,
        "shape": list(array.shape),
        "fortranOrder": bool(np.isfortran(array)) and array.ndim > 1,
        "values": np.ravel(array, order="C").tolist(),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {"numpy": np.__version__, "npy": {}, "npz": {}, "unsupported": {}}

    # Single arrays, one per thing a reader can get wrong: byte order, memory order, element kinds, 0-d and 1-d.
    arrays = {
        "uint8-images.npy": np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 10 + 5,
        "int64-labels.npy": np.array([0, 4, 1, -3, 2**40, -(2**45)], dtype=np.int64),
        "bool-mask.npy": np.array([[True, False, True], [False, False, True]]),
        "float64-fortran.npy": np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4) / 8 - 0.5),
        "float32-big-endian.npy": (np.arange(6, dtype=np.float32).reshape(2, 3) * -1.25).astype(">f4"),
        "int32-big-endian-fortran.npy": np.asfortranarray(
            (np.arange(12, dtype=np.int32).reshape(2, 3, 2) - 6) * 1000
        ).astype(">i4", order="F"),
        "uint16-big-endian.npy": np.array([0, 1, 256, 65535], dtype=">u2"),
        "float64-scalar.npy": np.array(3.25),
        "int16-vector.npy": np.array([-32768, -1, 0, 7, 32767], dtype=np.int16),
        "float32-empty.npy": np.zeros((0, 3), dtype=np.float32),
        # A 2-D table whose last column is the label: what a lone .npy import reads.
        "table-with-labels.npy": np.array([[0.0, 0.5, 0], [1.0, 1.5, 1], [2.0, 2.5, 0], [3.0, 3.5, 2]]),
    }
    for name, array in arrays.items():
        np.save(os.path.join(OUT, name), array)
        manifest["npy"][name] = describe(array)

    # dtypes the readers do not take: each must be refused with a DatasetError naming it.
    unsupported = {
        "float16.npy": np.array([1.5, 2.5], dtype=np.float16),
        "complex128.npy": np.array([1 + 2j, 3 - 4j]),
        "unicode.npy": np.array(["serif", "mono"]),
    }
    for name, array in unsupported.items():
        np.save(os.path.join(OUT, name), array)
        manifest["unsupported"][name] = {"dtype": array.dtype.str}

    # Archives: the course's layout uncompressed (np.savez: arr_0, arr_1), Keras' layout compressed with a test split.
    images = (np.arange(6 * 4 * 4, dtype=np.uint16).reshape(6, 4, 4) * 7 % 256).astype(np.uint8)
    labels = np.array([0, 1, 2, 0, 1, 2], dtype=np.int64)
    np.savez(os.path.join(OUT, "course-layout.npz"), images, labels)
    manifest["npz"]["course-layout.npz"] = {"compressed": False, "arrays": {"arr_0": describe(images), "arr_1": describe(labels)}}

    # The course's layout plus the class names, as a teacher would save them: np.savez(..., class_names=[...]).
    names = np.array(["circle", "square", "triangle"])
    np.savez(os.path.join(OUT, "named-classes.npz"), images, labels, class_names=names)
    manifest["npz"]["named-classes.npz"] = {
        "compressed": False,
        "arrays": {"arr_0": describe(images), "arr_1": describe(labels), "class_names": describe(names)},
    }

    keras = {
        "x_train": (np.arange(10).reshape(5, 2) / 4).astype(">f8", order="F"),
        "y_train": np.eye(3, dtype=np.float32)[[0, 2, 1, 1, 0]],
        "x_test": np.array([[9.0, -9.0], [0.25, 0.75]]),
        "y_test": np.array([True, False]).astype(np.uint8) * 2,
        "mask": np.array([True, False, True]),
    }
    np.savez_compressed(os.path.join(OUT, "keras-layout-compressed.npz"), **keras)
    manifest["npz"]["keras-layout-compressed.npz"] = {
        "compressed": True,
        "arrays": {name: describe(array) for name, array in keras.items()},
    }

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"wrote {len(arrays) + len(unsupported) + 3} fixtures and manifest.json to {OUT} (numpy {np.__version__})")


if __name__ == "__main__":
    main()
