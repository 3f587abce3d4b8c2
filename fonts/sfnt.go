package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Tags of the sfnt container formats.
const (
	tagTrueType = 0x00010000 // TrueType outlines (glyf)
	tagTrue     = 0x74727565 // "true": old Apple TrueType
	tagOTTO     = 0x4F54544F // "OTTO": CFF outlines
	tagTTCF     = 0x74746366 // "ttcf": TrueType collection
)

// errCFF is returned for OpenType fonts with PostScript (CFF) outlines: Subset and the PDF
// writer (FontFile2) handle TrueType glyf outlines only.
var errCFF = errors.New("是 CFF（PostScript 轮廓）OpenType 字体，只支持 TrueType（glyf）字体")

// errTTC is returned by Parse for a collection: the caller picks a face first (see extractFace).
var errTTC = errors.New("是字体集（.ttc），需要先取出其中一个字体")

// u16, u32 and i16 read big-endian values. They return 0 past the end of b, so lookups in a
// damaged font answer "missing" instead of panicking; the parser checks the lengths that
// matter up front.
func u16(b []byte, off int) uint16 {
	if off < 0 || off+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[off:])
}

func u32(b []byte, off int) uint32 {
	if off < 0 || off+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[off:])
}

func i16(b []byte, off int) int16 { return int16(u16(b, off)) }

// tableRecord is one entry of the sfnt table directory.
type tableRecord struct {
	tag    string
	offset uint32
	length uint32
}

// readDirectory reads the table directory that starts at off (0 for a single font, the face
// offset inside a collection). Every table must lie inside size bytes.
func readDirectory(hdr []byte, size int64) (version uint32, tables []tableRecord, err error) {
	if len(hdr) < 12 {
		return 0, nil, errors.New("文件太短，不是字体文件")
	}
	version = u32(hdr, 0)
	n := int(u16(hdr, 4))
	if len(hdr) < 12+16*n {
		return version, nil, fmt.Errorf("表目录不完整（%d 个表）", n)
	}
	tables = make([]tableRecord, 0, n)
	for i := range n {
		p := 12 + 16*i
		t := tableRecord{tag: string(hdr[p : p+4]), offset: u32(hdr, p+8), length: u32(hdr, p+12)}
		if int64(t.offset)+int64(t.length) > size {
			return version, nil, fmt.Errorf("表 %q 超出文件末尾", t.tag)
		}
		tables = append(tables, t)
	}
	return version, tables, nil
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words, the last one
// padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 7
	// Two words per load: summing the halves of a uint64 is the same sum, mod 2^32.
	for i := 0; i < n; i += 8 {
		v := binary.BigEndian.Uint64(b[i:])
		sum += uint32(v>>32) + uint32(v)
	}
	if len(b)-n >= 4 {
		sum += binary.BigEndian.Uint32(b[n:])
		n += 4
	}
	if n < len(b) {
		var last [4]byte
		copy(last[:], b[n:])
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// sfntTable is a table to be written by writeSFNT: either data, or size bytes that fill
// writes in place (which saves building a large table twice).
type sfntTable struct {
	tag  string
	data []byte
	size int
	fill func(dst []byte)
}

func (t sfntTable) len() int {
	if t.fill != nil {
		return t.size
	}
	return len(t.data)
}

// writeSFNT assembles a TrueType file: tables sorted by tag, 4-byte aligned, table checksums
// and head.checkSumAdjustment filled in. The head table's data is modified in the output only.
func writeSFNT(tables []sfntTable) []byte {
	tables = slices.Clone(tables)
	slices.SortFunc(tables, func(a, b sfntTable) int { return strings.Compare(a.tag, b.tag) })
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (t.len() + 3) &^ 3
	}
	out := make([]byte, size)
	pow, log := 1, 0
	for pow*2 <= n {
		pow *= 2
		log++
	}
	binary.BigEndian.PutUint32(out[0:], tagTrueType)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(pow*16))
	binary.BigEndian.PutUint16(out[8:], uint16(log))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-pow*16))
	off := 12 + 16*n
	headAt := -1
	// The tables are 4-aligned and zero-padded, so the whole-file checksum is the sum of the
	// table checksums and the directory's: no second pass over the data.
	var total uint32
	for i, t := range tables {
		body := out[off : off+t.len()]
		if t.fill != nil {
			t.fill(body)
		} else {
			copy(body, t.data)
		}
		if t.tag == "head" && len(body) >= 12 {
			// The head checksum is taken with checkSumAdjustment zeroed (OpenType spec, head).
			clear(body[8:12])
			headAt = off
		}
		rec := out[12+16*i:]
		copy(rec[0:4], t.tag)
		sum := checksum(body)
		total += sum
		binary.BigEndian.PutUint32(rec[4:], sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(body)))
		off += (len(body) + 3) &^ 3
	}
	if headAt >= 0 {
		total += checksum(out[:12+16*n])
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-total)
	}
	return out
}
