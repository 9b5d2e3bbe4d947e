#!/usr/bin/python3
"""Writes the tiny ONNX models the vision-service tests load (src/test/resources/models/*.onnx).

Each has exactly the input/output signature of a real model the service decodes (RF-DETR, YOLO-NAS-Pose,
YOLOv8-pose) but no weights: its outputs are constants written here, plus at most the mean of the input, so the
tests can assert decoded boxes and keypoints to the pixel. Run with Debian's python3 and its python3-onnx
(not a pyenv python), from anywhere:

    /usr/bin/python3 vision-service/src/test/python/make_tiny_models.py

The output is deterministic: running it again rewrites the same bytes. The constants are repeated in the Java
tests (TinyModels), which is where they are asserted.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models"))
OPSET = 13


def const(name, array):
    return helper.make_node("Constant", [], [name], name=name,
                            value=numpy_helper.from_array(np.asarray(array), name + "_value"))


def batch_of(input_name, nodes):
    """Appends nodes computing the batch size of the input as a 1-element int64 tensor named 'batch'."""
    nodes.append(helper.make_node("Shape", [input_name], ["input_shape"]))
    nodes.append(const("zero", np.array([0], dtype=np.int64)))
    nodes.append(const("one", np.array([1], dtype=np.int64)))
    nodes.append(helper.make_node("Slice", ["input_shape", "zero", "one"], ["batch"]))


def save(graph, file_name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="backpack make_tiny_models.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = os.path.join(OUT, file_name)
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    print(path, os.path.getsize(path), "bytes")


def rf_detr():
    """input float32 [B,3,64,64] -> dets [B,300,4] (cx, cy, w, h normalised), labels [B,300,91] (logits)."""
    queries, classes, head = 300, 91, 4
    boxes = np.zeros((1, head, 4), dtype=np.float32)
    logits = np.full((1, head, classes), -10.0, dtype=np.float32)
    boxes[0, 0] = [0.25, 0.5, 0.2, 0.4]
    logits[0, 0, 62] = 2.0      # chair
    boxes[0, 1] = [0.75, 0.5, 0.3, 0.6]
    logits[0, 1, 1] = 1.0       # person
    logits[0, 1, 3] = 0.5       # car, the same query: top-k runs over query x class
    boxes[0, 2] = [0.5, 0.5, 0.1, 0.1]
    logits[0, 2, 62] = -1.0     # below any usual threshold
    boxes[0, 3] = [0.5, 0.25, 0.5, 0.5]
    logits[0, 3, 1] = 0.0       # plus the mean of the input tensor: a bright image has a person here
    mask = np.zeros((1, head, classes), dtype=np.float32)
    mask[0, 3, 1] = 1.0

    nodes = []
    batch_of("input", nodes)
    nodes += [
        const("head_boxes", boxes), const("head_logits", logits), const("mean_mask", mask),
        const("head_rest", np.array([queries - head], dtype=np.int64)),
        const("four", np.array([4], dtype=np.int64)), const("classes", np.array([classes], dtype=np.int64)),
        const("head_count", np.array([head], dtype=np.int64)),
        const("mean_shape", np.array([-1, 1, 1], dtype=np.int64)),
        helper.make_node("ReduceMean", ["input"], ["mean4"], axes=[1, 2, 3], keepdims=1),
        helper.make_node("Reshape", ["mean4", "mean_shape"], ["mean"]),
        helper.make_node("Mul", ["mean", "mean_mask"], ["mean_logits"]),
        helper.make_node("Concat", ["batch", "head_count", "classes"], ["head_logits_shape"], axis=0),
        helper.make_node("Expand", ["head_logits", "head_logits_shape"], ["head_logits_b"]),
        helper.make_node("Add", ["head_logits_b", "mean_logits"], ["logits_head"]),
        helper.make_node("Concat", ["batch", "head_rest", "classes"], ["rest_logits_shape"], axis=0),
        helper.make_node("ConstantOfShape", ["rest_logits_shape"], ["logits_rest"],
                         value=numpy_helper.from_array(np.array([-10.0], dtype=np.float32))),
        helper.make_node("Concat", ["logits_head", "logits_rest"], ["labels"], axis=1),
        helper.make_node("Concat", ["batch", "head_count", "four"], ["head_boxes_shape"], axis=0),
        helper.make_node("Expand", ["head_boxes", "head_boxes_shape"], ["boxes_head"]),
        helper.make_node("Concat", ["batch", "head_rest", "four"], ["rest_boxes_shape"], axis=0),
        helper.make_node("ConstantOfShape", ["rest_boxes_shape"], ["boxes_rest"],
                         value=numpy_helper.from_array(np.array([0.0], dtype=np.float32))),
        helper.make_node("Concat", ["boxes_head", "boxes_rest"], ["dets"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "tiny-rf-detr",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["B", 3, 64, 64])],
        [helper.make_tensor_value_info("dets", TensorProto.FLOAT, ["B", queries, 4]),
         helper.make_tensor_value_info("labels", TensorProto.FLOAT, ["B", queries, classes])])
    save(graph, "tiny-rf-detr.onnx")


def yolo_nas_pose():
    """uint8 [B,3,640,640] -> count [B,1] int64, boxes [B,4,4] (x1,y1,x2,y2), scores [B,4], joints [B,4,17,3]."""
    n = 4
    boxes = np.zeros((1, n, 4), dtype=np.float32)
    scores = np.zeros((1, n), dtype=np.float32)
    joints = np.zeros((1, n, 17, 3), dtype=np.float32)
    boxes[0, 0] = [100, 200, 300, 600]
    scores[0, 0] = 0.95
    for k in range(17):
        joints[0, 0, k] = [150 + 10 * k, 250 + 20 * k, 0.2 if k == 16 else 0.9]
    boxes[0, 1] = [400, 100, 500, 300]
    scores[0, 1] = 0.6
    for k in range(17):
        joints[0, 1, k] = [410 + 5 * k, 110 + 10 * k, 0.8]
    boxes[0, 2] = [0, 0, 640, 640]  # beyond the count: padding the decoder must ignore, however high its score
    scores[0, 2] = 0.99

    nodes = []
    batch_of("input", nodes)
    nodes += [
        const("c_count", np.array([[2]], dtype=np.int64)), const("c_boxes", boxes), const("c_scores", scores),
        const("c_joints", joints),
        const("s_one", np.array([1], dtype=np.int64)), const("s_n", np.array([n], dtype=np.int64)),
        const("s_four", np.array([4], dtype=np.int64)), const("s_17", np.array([17], dtype=np.int64)),
        const("s_three", np.array([3], dtype=np.int64)),
        helper.make_node("Concat", ["batch", "s_one"], ["count_shape"], axis=0),
        helper.make_node("Expand", ["c_count", "count_shape"], ["graph2_num_predictions"]),
        helper.make_node("Concat", ["batch", "s_n", "s_four"], ["boxes_shape"], axis=0),
        helper.make_node("Expand", ["c_boxes", "boxes_shape"], ["graph2_pred_boxes"]),
        helper.make_node("Concat", ["batch", "s_n"], ["scores_shape"], axis=0),
        helper.make_node("Expand", ["c_scores", "scores_shape"], ["graph2_pred_scores"]),
        helper.make_node("Concat", ["batch", "s_n", "s_17", "s_three"], ["joints_shape"], axis=0),
        helper.make_node("Expand", ["c_joints", "joints_shape"], ["graph2_pred_joints"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny-yolo-nas-pose",
        [helper.make_tensor_value_info("input", TensorProto.UINT8, ["B", 3, 640, 640])],
        [helper.make_tensor_value_info("graph2_num_predictions", TensorProto.INT64, ["B", 1]),
         helper.make_tensor_value_info("graph2_pred_boxes", TensorProto.FLOAT, ["B", n, 4]),
         helper.make_tensor_value_info("graph2_pred_scores", TensorProto.FLOAT, ["B", n]),
         helper.make_tensor_value_info("graph2_pred_joints", TensorProto.FLOAT, ["B", n, 17, 3])])
    save(graph, "tiny-yolo-nas-pose.onnx")


def yolov8_pose():
    """images float32 [1,3,640,640] -> output0 [1,56,8400]: cx, cy, w, h, score, 17 x (x, y, conf) per anchor."""
    anchors = 4
    head = np.zeros((1, 56, anchors), dtype=np.float32)

    def anchor(i, box, score, keypoints):
        head[0, 0:4, i] = box
        head[0, 4, i] = score
        for k, (x, y, c) in enumerate(keypoints):
            head[0, 5 + 3 * k:8 + 3 * k, i] = [x, y, c]

    anchor(0, [320, 320, 100, 200], 0.9, [(300 + 4 * k, 250 + 6 * k, 0.9) for k in range(17)])
    anchor(1, [325, 322, 100, 200], 0.8, [(0, 0, 0.9)] * 17)  # overlaps anchor 0: NMS removes it
    anchor(2, [100, 250, 40, 80], 0.7, [(90 + k, 220 + 3 * k, 0.1 if k == 0 else 0.5) for k in range(17)])
    anchor(3, [500, 300, 50, 50], 0.1, [(0, 0, 0.1)] * 17)  # below the score threshold

    nodes = [
        const("head", head),
        const("pads", np.array([0, 0, 0, 0, 0, 8400 - anchors], dtype=np.int64)),
        helper.make_node("Pad", ["head", "pads"], ["padded"], mode="constant"),
        helper.make_node("ReduceMean", ["images"], ["mean4"], axes=[1, 2, 3], keepdims=0),
        const("zero_f", np.array(0.0, dtype=np.float32)),
        helper.make_node("Mul", ["mean4", "zero_f"], ["nothing"]),
        helper.make_node("Add", ["padded", "nothing"], ["output0"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny-yolov8-pose",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 640, 640])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 56, 8400])])
    save(graph, "tiny-yolov8-pose.onnx")


def tiny_ctc_acoustic():
    """wav2vec2's signature, input float32 [1,S] (16 kHz) -> logits float32 [1,T,V], V = 10, T = floor(S / 320).

    Each 320-sample frame (20 ms, wav2vec2's stride) votes for one class: logit v is -16 (mean x 9 - v)^2 for the
    frame's mean sample value, so a frame held at v / 9 decodes as class v and silence as class 0, the blank. The
    factor 16 leaves the neighbouring classes e^-16 behind, so that beam search, which sums alignments, reads what
    greedy reads (at 1 a neighbour keeps a fifth of the probability and the best labelling differs).
    Its vocabulary (tiny-ctc-acoustic.vocab.txt): <pad> | h e l o w r d !
    """
    frame, classes = 320, 10
    nodes = [
        helper.make_node("Shape", ["input_values"], ["shape"]),
        const("last", np.array([1], dtype=np.int64)),
        const("end", np.array([2], dtype=np.int64)),
        helper.make_node("Slice", ["shape", "last", "end"], ["samples"]),
        const("frame", np.array([frame], dtype=np.int64)),
        helper.make_node("Div", ["samples", "frame"], ["steps"]),
        helper.make_node("Mul", ["steps", "frame"], ["usable"]),
        const("zero", np.array([0], dtype=np.int64)),
        helper.make_node("Slice", ["input_values", "zero", "usable", "last"], ["whole_frames"]),
        const("frames_shape", np.array([1, -1, frame], dtype=np.int64)),
        helper.make_node("Reshape", ["whole_frames", "frames_shape"], ["frames"]),
        helper.make_node("ReduceMean", ["frames"], ["mean"], axes=[2], keepdims=1),
        const("scale", np.array(classes - 1, dtype=np.float32)),
        helper.make_node("Mul", ["mean", "scale"], ["level"]),
        const("classes", np.arange(classes, dtype=np.float32).reshape(1, 1, classes)),
        helper.make_node("Sub", ["level", "classes"], ["distance"]),
        helper.make_node("Mul", ["distance", "distance"], ["square"]),
        const("sharpness", np.array(-16.0, dtype=np.float32)),
        helper.make_node("Mul", ["square", "sharpness"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny-ctc-acoustic",
        [helper.make_tensor_value_info("input_values", TensorProto.FLOAT, [1, "S"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, "T", classes])])
    save(graph, "tiny-ctc-acoustic.onnx")


def tiny_vits_voice():
    """Piper's signature: input int64 [1,N] (phoneme ids), input_lengths int64 [1], scales float32 [3] (noise,
    length, noise width) -> output float32 [1,1,S], S = 4 N.

    Each id becomes four samples of id / 128 x length scale (x lengths / lengths, so every input is used): the WAV the
    service writes is a known function of the ids. Its voice JSON: tiny-vits-voice.json.
    """
    hop = 4
    nodes = [
        helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),
        const("denominator", np.array(128.0, dtype=np.float32)),
        helper.make_node("Div", ["ids", "denominator"], ["level"]),
        const("length_index", np.array([1], dtype=np.int64)),
        helper.make_node("Gather", ["scales", "length_index"], ["length_scale"], axis=0),
        helper.make_node("Mul", ["level", "length_scale"], ["scaled"]),
        helper.make_node("Cast", ["input_lengths"], ["lengths"], to=TensorProto.FLOAT),
        helper.make_node("Div", ["lengths", "lengths"], ["unit"]),
        helper.make_node("Mul", ["scaled", "unit"], ["values"]),
        const("axis", np.array([2], dtype=np.int64)),
        helper.make_node("Unsqueeze", ["values", "axis"], ["column"]),
        const("repeats", np.array([1, 1, hop], dtype=np.int64)),
        helper.make_node("Tile", ["column", "repeats"], ["tiled"]),
        const("audio_shape", np.array([1, 1, -1], dtype=np.int64)),
        helper.make_node("Reshape", ["tiled", "audio_shape"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny-vits-voice",
        [helper.make_tensor_value_info("input", TensorProto.INT64, [1, "N"]),
         helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
         helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "S"])])
    save(graph, "tiny-vits-voice.onnx")


def tiny_vits_voice_config():
    """The tiny voice's JSON in Piper's format: one id per phoneme espeak-ng writes for plain English."""
    import json
    phonemes = ["_", "^", "$", " ", "!", ",", ".", "?", "a", "b", "d", "e", "f", "h", "i", "j", "k", "l", "m", "n",
                "o", "p", "r", "s", "t", "u", "v", "w", "z", "\u00e6", "\u00f0", "\u014b", "\u0250", "\u0251",
                "\u0254", "\u0259", "\u025a", "\u025b", "\u025c", "\u0261", "\u026a", "\u0279", "\u027e",
                "\u0283", "\u028a", "\u028c", "\u0292", "\u0294", "\u02c8", "\u02cc", "\u02d0", "\u03b8",
                "\u1d7b"]
    voice = {"audio": {"sample_rate": 22050}, "espeak": {"voice": "en-us"},
             "inference": {"noise_scale": 0.667, "length_scale": 1.5, "noise_w": 0.8},
             "phoneme_id_map": {p: [i] for i, p in enumerate(phonemes)}}
    path = os.path.join(OUT, "tiny-vits-voice.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(voice, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    rf_detr()
    yolo_nas_pose()
    yolov8_pose()
    tiny_ctc_acoustic()
    tiny_vits_voice()
    tiny_vits_voice_config()
