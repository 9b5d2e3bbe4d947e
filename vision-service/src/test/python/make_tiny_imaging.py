#!/usr/bin/python3
"""Writes the tiny image-to-image model the imaging tests load (src/test/resources/models/tiny-upscale-2x.onnx).

input float32 [1,3,h,w] -> output float32 [1,3,2h,2w]: ONNX Resize, nearest, coordinates "asymmetric" with
"floor", so output pixel (x, y) is input pixel (floor(x / 2), floor(y / 2)) exactly: a super-resolution model's
signature whose output for a whole image is known, whatever tiles it is run in. Run with Debian's python3 and its
python3-onnx:

    /usr/bin/python3 vision-service/src/test/python/make_tiny_imaging.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models"))


def save(graph, file_name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="backpack make_tiny_imaging.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = os.path.join(OUT, file_name)
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    print(path, os.path.getsize(path), "bytes")


def upscale_2x():
    nodes = [
        helper.make_node("Constant", [], ["roi"], value=numpy_helper.from_array(np.zeros(0, dtype=np.float32),
                                                                               "roi_value")),
        helper.make_node("Constant", [], ["scales"], value=numpy_helper.from_array(
            np.array([1, 1, 2, 2], dtype=np.float32), "scales_value")),
        helper.make_node("Resize", ["input", "roi", "scales"], ["output"], mode="nearest",
                         coordinate_transformation_mode="asymmetric", nearest_mode="floor"),
    ]
    graph = helper.make_graph(
        nodes, "tiny-upscale-2x",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, "h", "w"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 3, "h2", "w2"])])
    save(graph, "tiny-upscale-2x.onnx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    upscale_2x()
