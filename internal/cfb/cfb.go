// Package cfb reads the streams of a Compound File Binary file ([MS-CFB]): the
// container of Word 97–2003 .doc files and of WPS's .wps files.
//
// Only what reading a document needs is here: the streams by name, each read
// whole. Every sector chain is bounded by the file's size, so a hostile file
// cannot loop or allocate more than it holds.
package cfb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// Signature starts every compound file.
var Signature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

const (
	endOfChain = 0xFFFFFFFE
	freeSect   = 0xFFFFFFFF
	dirSize    = 128
)

// File is an opened compound file.
type File struct {
	data       []byte
	sectorSize int
	fat        []uint32
	miniFAT    []uint32
	mini       []byte // the mini stream, which holds the small streams
	cutoff     uint64
	entries    []entry
}

type entry struct {
	name  string
	kind  byte // 1 storage, 2 stream, 5 root
	start uint32
	size  uint64
}

// ErrFormat is returned for a file that is not a compound file or is damaged.
var ErrFormat = errors.New("不是完整的 Word 97–2003 / WPS 文件（复合文档结构损坏）")

// Open reads the header, the allocation tables and the directory of data.
func Open(data []byte) (*File, error) {
	if len(data) < 512 || !bytes.Equal(data[:8], Signature) {
		return nil, ErrFormat
	}
	le := binary.LittleEndian
	shift := le.Uint16(data[0x1E:])
	if shift != 9 && shift != 12 || le.Uint16(data[0x20:]) != 6 {
		return nil, ErrFormat
	}
	f := &File{data: data, sectorSize: 1 << shift, cutoff: uint64(le.Uint32(data[0x38:]))}

	// the FAT's sectors: 109 in the header, the rest in the DIFAT chain
	nFAT := int(le.Uint32(data[0x2C:]))
	if nFAT > f.sectors() {
		return nil, ErrFormat
	}
	var fatSectors []uint32
	for i := 0; i < 109 && len(fatSectors) < nFAT; i++ {
		fatSectors = append(fatSectors, le.Uint32(data[0x4C+4*i:]))
	}
	next := le.Uint32(data[0x44:])
	for hops := 0; len(fatSectors) < nFAT && next != endOfChain && next != freeSect; hops++ {
		s, err := f.sector(next)
		if err != nil || hops > f.sectors() {
			return nil, ErrFormat
		}
		per := f.sectorSize/4 - 1
		for i := 0; i < per && len(fatSectors) < nFAT; i++ {
			fatSectors = append(fatSectors, le.Uint32(s[4*i:]))
		}
		next = le.Uint32(s[4*per:])
	}
	for _, n := range fatSectors {
		s, err := f.sector(n)
		if err != nil {
			return nil, err
		}
		for i := 0; i+4 <= len(s); i += 4 {
			f.fat = append(f.fat, le.Uint32(s[i:]))
		}
	}

	dir, err := f.chain(le.Uint32(data[0x30:]), -1)
	if err != nil {
		return nil, err
	}
	for i := 0; i+dirSize <= len(dir); i += dirSize {
		e := dir[i : i+dirSize]
		n := int(le.Uint16(e[0x40:]))
		if n < 2 || n > 64 || e[0x42] == 0 {
			f.entries = append(f.entries, entry{})
			continue
		}
		u := make([]uint16, n/2-1) // without the terminating NUL
		for k := range u {
			u[k] = le.Uint16(e[2*k:])
		}
		size := le.Uint64(e[0x78:])
		if shift == 9 {
			size &= 0xFFFFFFFF // version 3 files may leave junk in the high half
		}
		f.entries = append(f.entries, entry{name: string(utf16.Decode(u)), kind: e[0x42], start: le.Uint32(e[0x74:]), size: size})
	}
	if len(f.entries) == 0 || f.entries[0].kind != 5 {
		return nil, ErrFormat
	}

	// the mini stream (the root entry's data) and its allocation table
	root := f.entries[0]
	if root.size > 0 {
		if f.mini, err = f.chain(root.start, int64(root.size)); err != nil {
			return nil, err
		}
	}
	if n := le.Uint32(data[0x40:]); n > 0 {
		mf, err := f.chain(le.Uint32(data[0x3C:]), -1)
		if err != nil {
			return nil, err
		}
		for i := 0; i+4 <= len(mf); i += 4 {
			f.miniFAT = append(f.miniFAT, le.Uint32(mf[i:]))
		}
	}
	return f, nil
}

// sectors is the number of whole sectors after the header.
func (f *File) sectors() int { return len(f.data)/f.sectorSize - 1 }

func (f *File) sector(n uint32) ([]byte, error) {
	off := (int64(n) + 1) * int64(f.sectorSize)
	if n >= endOfChain-1 || off+int64(f.sectorSize) > int64(len(f.data)) {
		return nil, ErrFormat
	}
	return f.data[off : off+int64(f.sectorSize)], nil
}

// chain reads the sectors from start on; size < 0 reads to the end of the chain.
func (f *File) chain(start uint32, size int64) ([]byte, error) {
	if size > int64(len(f.data)) {
		return nil, ErrFormat
	}
	var out []byte
	seen := make([]bool, len(f.fat))
	for n := start; n != endOfChain; {
		if int(n) >= len(f.fat) || seen[n] {
			return nil, ErrFormat // off the table, or a chain that comes back
		}
		seen[n] = true
		s, err := f.sector(n)
		if err != nil {
			return nil, err
		}
		out = append(out, s...)
		if size >= 0 && int64(len(out)) >= size {
			return out[:size], nil
		}
		n = f.fat[n]
	}
	if size > int64(len(out)) {
		return nil, ErrFormat
	}
	return out, nil
}

// miniChain reads a small stream from the mini stream.
func (f *File) miniChain(start uint32, size int64) ([]byte, error) {
	const miniSize = 64
	var out []byte
	seen := make([]bool, len(f.miniFAT))
	for n := start; int64(len(out)) < size; {
		off := int64(n) * miniSize
		if int(n) >= len(f.miniFAT) || seen[n] || off+miniSize > int64(len(f.mini)) {
			return nil, ErrFormat
		}
		seen[n] = true
		out = append(out, f.mini[off:off+miniSize]...)
		n = f.miniFAT[n]
	}
	return out[:size], nil
}

// Stream returns the whole stream of that name (the first found anywhere in the
// directory, matched as the format does, without regard to ASCII case).
func (f *File) Stream(name string) ([]byte, error) {
	for _, e := range f.entries {
		if e.kind != 2 || !equalFold(e.name, name) {
			continue
		}
		if e.size < f.cutoff {
			return f.miniChain(e.start, int64(e.size))
		}
		return f.chain(e.start, int64(e.size))
	}
	return nil, fmt.Errorf("没有找到 %s 数据流", name)
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
