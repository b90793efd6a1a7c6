"""Golden .npy files for @voirs/dsp's reader and writer tests.

Run with /usr/bin/python3 (needs numpy) from the repository root:
    /usr/bin/python3 tools/reference/dsp_npy_fixtures.py
Writes packages/dsp/test/fixtures/npy/*.npy. Every array is a closed formula of its index so the
TypeScript tests can recompute the expected values.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'dsp', 'test', 'fixtures', 'npy')
os.makedirs(OUT, exist_ok=True)


def save(name, array, version=None):
    path = os.path.join(OUT, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, 'wb') as f:
            np.lib.format.write_array(f, array, version=version)


# value(i) = (i % 17 - 8) / 8 for a flat index i (exact in every float type)
def ramp(shape, dtype):
    n = int(np.prod(shape))
    return ((np.arange(n) % 17 - 8) / 8).astype(dtype).reshape(shape)


save('f4-2x3.npy', ramp((2, 3), '<f4'))
save('f8-5.npy', ramp((5,), '<f8'))
save('f4-mel-80x4.npy', ramp((80, 4), '<f4'))
save('f4-mel-1x80x4.npy', ramp((1, 80, 4), '<f4'))
save('f4-scalar.npy', np.array(0.5, dtype='<f4'))
save('f4-empty-0x3.npy', np.zeros((0, 3), dtype='<f4'))
save('i2-4.npy', np.array([-32768, -1, 0, 32767], dtype='<i2'))
save('i4-3.npy', np.array([-2**31, 0, 2**31 - 1], dtype='<i4'))
save('i8-3.npy', np.array([-2**63, 0, 2**63 - 1], dtype='<i8'))
save('u1-3.npy', np.array([0, 128, 255], dtype='|u1'))
save('b1-3.npy', np.array([True, False, True]))
save('f2-3.npy', np.array([1.0, -2.0, 0.5], dtype='<f2'))
save('f4-v2-2x3.npy', ramp((2, 3), '<f4'), version=(2, 0))
save('f4-v3-2x3.npy', ramp((2, 3), '<f4'), version=(3, 0))
# unsupported on purpose
save('f4-bigendian-2x3.npy', ramp((2, 3), '>f4'))
save('f4-fortran-2x3.npy', np.asfortranarray(ramp((2, 3), '<f4')))
save('c8-2.npy', np.array([1 + 2j, 3 - 4j], dtype='<c8'))
save('structured-2.npy', np.zeros(2, dtype=[('a', '<f4'), ('b', '<i4')]))
print('wrote', sorted(os.listdir(OUT)))
