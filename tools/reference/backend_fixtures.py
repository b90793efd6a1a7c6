#!/usr/bin/python3
"""Builds the tiny ONNX models the backend conformance suite (testBackend) runs.

Run with Debian's interpreter (it has onnx, numpy and torch):

    /usr/bin/python3 tools/reference/backend_fixtures.py

Writes into packages/backend-node/test/fixtures/:
  conv.onnx        x float32 [batch, 4, time] -> y = tanh(conv1d(x, W, b, pad 1)) [batch, 3, time],
                   energy = sum(y^2 over channels and time) [batch]; metadata props set.
  gather.onnx      ids int64 [n] -> values = table[ids] float32 [n], doubled = ids + ids int64 [n].
  dtypes.onnx      f16 -> 2*f16 (float16), i32 -> i32+i32, i8 -> -i8, u8 -> u8, b -> not b, all [n].
  conv.golden.json one input of conv.onnx and its outputs computed by torch (the reference).

The weights follow closed formulas (also written in packages/core/src/testing/test-backend.ts, whose
JS reference must agree): W[o][i][k] = 0.5 * sin(1 + 12 o + 3 i + k), b[o] = 0.1 * (o - 1),
table[j] = 0.5 j - 1 for j in 0..15.
"""
import json
import math
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'packages', 'backend-node', 'test', 'fixtures')
OPSET = [helper.make_opsetid('', 17)]
METADATA = {
    'arch': 'voirs-test-conv',
    'sample_rate': '22050',
    'hop': '256',
    'mel_preset': 'hifigan',
}


def conv_weights():
    w = np.zeros((3, 4, 3), dtype=np.float32)
    for o in range(3):
        for i in range(4):
            for k in range(3):
                w[o, i, k] = 0.5 * math.sin(1 + 12 * o + 3 * i + k)
    b = np.array([0.1 * (o - 1) for o in range(3)], dtype=np.float32)
    return w, b


def save(model, name):
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(OUT, name)
    onnx.save(model, path)
    print(f'{path}: {os.path.getsize(path)} bytes')


def make_model(graph, metadata=None):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name='voirs backend_fixtures.py')
    model.ir_version = 8
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    return model


def build_conv():
    w, b = conv_weights()
    nodes = [
        helper.make_node('Conv', ['x', 'W', 'B'], ['pre'], pads=[1, 1], kernel_shape=[3]),
        helper.make_node('Tanh', ['pre'], ['y']),
        helper.make_node('ReduceSumSquare', ['y'], ['energy'], axes=[1, 2], keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        'voirs_test_conv',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 4, 'time'])],
        [
            helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 3, 'time']),
            helper.make_tensor_value_info('energy', TensorProto.FLOAT, ['batch']),
        ],
        [numpy_helper.from_array(w, 'W'), numpy_helper.from_array(b, 'B')],
    )
    save(make_model(graph, METADATA), 'conv.onnx')


def build_gather():
    table = np.array([0.5 * j - 1 for j in range(16)], dtype=np.float32)
    nodes = [
        helper.make_node('Gather', ['table', 'ids'], ['values'], axis=0),
        helper.make_node('Add', ['ids', 'ids'], ['doubled']),
    ]
    graph = helper.make_graph(
        nodes,
        'voirs_test_gather',
        [helper.make_tensor_value_info('ids', TensorProto.INT64, ['n'])],
        [
            helper.make_tensor_value_info('values', TensorProto.FLOAT, ['n']),
            helper.make_tensor_value_info('doubled', TensorProto.INT64, ['n']),
        ],
        [numpy_helper.from_array(table, 'table')],
    )
    save(make_model(graph), 'gather.onnx')


def build_dtypes():
    two = numpy_helper.from_array(np.array(2, dtype=np.float32), 'two')
    nodes = [
        helper.make_node('Cast', ['f16'], ['f16_as_f32'], to=TensorProto.FLOAT),
        helper.make_node('Mul', ['f16_as_f32', 'two'], ['f16_twice']),
        helper.make_node('Cast', ['f16_twice'], ['f16_out'], to=TensorProto.FLOAT16),
        helper.make_node('Add', ['i32', 'i32'], ['i32_out']),
        helper.make_node('Neg', ['i8'], ['i8_out']),
        helper.make_node('Identity', ['u8'], ['u8_out']),
        helper.make_node('Not', ['b'], ['b_out']),
    ]
    types = [('f16', TensorProto.FLOAT16), ('i32', TensorProto.INT32), ('i8', TensorProto.INT8),
             ('u8', TensorProto.UINT8), ('b', TensorProto.BOOL)]
    graph = helper.make_graph(
        nodes,
        'voirs_test_dtypes',
        [helper.make_tensor_value_info(name, t, ['n']) for name, t in types],
        [helper.make_tensor_value_info(f'{name}_out', t, ['n']) for name, t in types],
        [two],
    )
    save(make_model(graph), 'dtypes.onnx')


def build_golden():
    """One conv.onnx input and the outputs torch computes for it (batch 2, time 7)."""
    w, b = conv_weights()
    x = np.array([[[math.cos(0.37 * (n * 28 + c * 7 + t)) for t in range(7)] for c in range(4)]
                  for n in range(2)], dtype=np.float32)
    y = torch.tanh(torch.nn.functional.conv1d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b),
                                              padding=1))
    energy = (y * y).sum(dim=(1, 2))
    golden = {
        'model': 'conv.onnx',
        'made_by': 'tools/reference/backend_fixtures.py (torch.nn.functional.conv1d + tanh, torch '
                   + torch.__version__ + ')',
        'x': {'dims': list(x.shape), 'data': [float(v) for v in x.reshape(-1)]},
        'y': {'dims': list(y.shape), 'data': [float(v) for v in y.reshape(-1)]},
        'energy': {'dims': list(energy.shape), 'data': [float(v) for v in energy.reshape(-1)]},
    }
    path = os.path.join(OUT, 'conv.golden.json')
    with open(path, 'w') as f:
        json.dump(golden, f, indent=1)
        f.write('\n')
    print(f'{path}: {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    build_conv()
    build_gather()
    build_dtypes()
    build_golden()
