"""A minimal zip writer for the @voirs/checkpoint fixtures (written for this project from the
PKWARE APPNOTE layout): stored or deflated entries, optional Zip64 records, and knobs to forge
hostile archives (lying sizes, overlapping entries, arbitrary names). Used by
checkpoint_fixtures.py and checkpoint_hostile.py; run those with /usr/bin/python3."""
import struct
import zlib


def deflate_raw(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Entry:
    def __init__(self, name, data, method=0, declared_size=None, payload=None, declared_csize=None):
        self.name = name.encode('utf-8')
        self.data = data
        self.method = method
        self.payload = payload if payload is not None else (data if method == 0 else deflate_raw(data))
        self.crc = zlib.crc32(data) & 0xFFFFFFFF
        self.usize = len(data) if declared_size is None else declared_size
        self.csize = len(self.payload) if declared_csize is None else declared_csize


def write_zip(entries, zip64=False):
    """Serialises entries. zip64=True stores every size/offset in Zip64 extra fields and writes
    the Zip64 end records. An entry's declared_csize (compressed size written in its headers) can
    exceed its payload so that its data range covers the next entry: the overlap behind
    non-recursive zip bombs."""
    out = bytearray()
    offsets = []
    for e in entries:
        offsets.append(len(out))
        extra = b''
        csize, usize = e.csize, e.usize
        if zip64:
            extra = struct.pack('<HHQQ', 1, 16, usize, csize)
            csize_field, usize_field = 0xFFFFFFFF, 0xFFFFFFFF
        else:
            csize_field, usize_field = csize, usize
        out += struct.pack('<IHHHHHIIIHH', 0x04034B50, 45 if zip64 else 20, 0x800, e.method, 0, 0x21,
                           e.crc, csize_field, usize_field, len(e.name), len(extra))
        out += e.name + extra + e.payload
    cd_start = len(out)
    for e, off in zip(entries, offsets):
        csize, usize = e.csize, e.usize
        if zip64:
            extra = struct.pack('<HHQQQ', 1, 24, usize, csize, off)
            fields = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            extra = b''
            fields = (csize, usize, off)
        out += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 45 if zip64 else 20, 45 if zip64 else 20, 0x800,
                           e.method, 0, 0x21, e.crc, fields[0], fields[1], len(e.name), len(extra), 0, 0, 0, 0,
                           fields[2])
        out += e.name + extra
    cd_size = len(out) - cd_start
    if zip64:
        z64 = len(out)
        out += struct.pack('<IQHHIIQQQQ', 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries), cd_size, cd_start)
        out += struct.pack('<IIQI', 0x07064B50, 0, z64, 1)
        out += struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, len(entries), len(entries), cd_size, cd_start, 0)
    return bytes(out)
