package fonts

import (
	"encoding/binary"
	"errors"
	"sort"
)

// cmapTable is the chosen Unicode cmap subtable, kept raw: a lookup binary-searches it, so
// parsing a font with tens of thousands of mappings costs nothing up front.
type cmapTable struct {
	format int    // 4 or 12
	data   []byte // from the subtable start to the end of the cmap table
	segs   int    // format 4: segment count; format 12: group count
	// format 4 arrays, each 2*segs bytes; ranges runs on into glyphIdArray
	ends, starts, deltas, ranges []byte
}

// pickCmap chooses the best Unicode subtable: a full-repertoire format 12 (3,10 or 0,4/0,6)
// before a BMP format 4 (3,1 or 0,x).
func pickCmap(cmap []byte) (cmapTable, error) {
	n := int(u16(cmap, 2))
	if len(cmap) < 4+8*n {
		return cmapTable{}, errors.New("的 cmap 表不完整")
	}
	best, bestRank := cmapTable{}, 0
	for i := range n {
		rec := 4 + 8*i
		platform, encoding, off := u16(cmap, rec), u16(cmap, rec+2), int(u32(cmap, rec+4))
		if off >= len(cmap) {
			continue
		}
		sub := cmap[off:]
		t, ok := cmapTable{format: int(u16(sub, 0)), data: sub}, false
		switch t.format {
		case 4:
			n := int(u16(sub, 6)) / 2
			if ok = len(sub) >= 16+8*n; ok {
				t.segs = n
				t.ends, t.starts = sub[14:14+2*n], sub[16+2*n:16+4*n]
				t.deltas, t.ranges = sub[16+4*n:16+6*n], sub[16+6*n:]
			}
		case 12:
			t.segs = int(u32(sub, 12))
			ok = t.segs >= 0 && t.segs <= (len(sub)-16)/12
		}
		if !ok {
			continue
		}
		rank := 0
		switch {
		case t.format == 12 && (platform == 3 && encoding == 10 || platform == 0):
			rank = 4
		case t.format == 4 && platform == 3 && encoding == 1:
			rank = 3
		case t.format == 4 && platform == 0:
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = t, rank
		}
	}
	if bestRank == 0 {
		return cmapTable{}, errors.New("没有 Unicode 字符映射（cmap 3,1 / 3,10 / 0,x 的格式 4 或 12）")
	}
	return best, nil
}

// lookup returns the glyph ID of code point c, 0 if unmapped.
func (t cmapTable) lookup(c uint32) int {
	d := t.data
	switch t.format {
	case 4:
		if c > 0xFFFF {
			return 0
		}
		// first segment whose endCode >= c; endCode is sorted ascending.
		lo, hi := 0, t.segs
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if uint32(binary.BigEndian.Uint16(t.ends[2*m:])) < c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		i := lo
		if i == t.segs {
			return 0
		}
		start := uint32(binary.BigEndian.Uint16(t.starts[2*i:]))
		if c < start {
			return 0
		}
		delta := binary.BigEndian.Uint16(t.deltas[2*i:])
		ro := int(binary.BigEndian.Uint16(t.ranges[2*i:]))
		if ro == 0 {
			return int(uint16(c) + delta)
		}
		// idRangeOffset counts bytes from its own position into glyphIdArray.
		g := u16(t.ranges, 2*i+ro+2*int(c-start))
		if g == 0 {
			return 0
		}
		return int(g + delta)
	case 12:
		n := t.segs
		i := sort.Search(n, func(i int) bool { return u32(d, 16+12*i+4) >= c })
		if i == n {
			return 0
		}
		g := 16 + 12*i
		start := u32(d, g)
		if c < start {
			return 0
		}
		id := uint64(u32(d, g+8)) + uint64(c-start)
		if id > 0xFFFF {
			return 0
		}
		return int(id)
	}
	return 0
}
