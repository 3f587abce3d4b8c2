package cfb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"testing"
	"unicode/utf16"
)

// compound builds a version 3 compound file: the FAT in sector 0, the directory
// in sector 1, then one stream "WordDocument" of size bytes from sector 2 on.
// fat lets a test change the allocation table after it is laid out.
func compound(size int, fat func([]uint32)) []byte {
	const sector = 512
	le := binary.LittleEndian
	n := (size + sector - 1) / sector
	data := make([]byte, sector*(3+n))
	h := data[:sector]
	copy(h, Signature)
	le.PutUint16(h[0x18:], 0x3E)
	le.PutUint16(h[0x1A:], 3)
	le.PutUint16(h[0x1C:], 0xFFFE)
	le.PutUint16(h[0x1E:], 9)
	le.PutUint16(h[0x20:], 6)
	le.PutUint32(h[0x2C:], 1)          // one FAT sector
	le.PutUint32(h[0x30:], 1)          // the directory
	le.PutUint32(h[0x38:], 4096)       // mini stream cutoff
	le.PutUint32(h[0x3C:], endOfChain) // no mini FAT
	le.PutUint32(h[0x44:], endOfChain) // no DIFAT sectors
	for i := 0; i < 109; i++ {
		le.PutUint32(h[0x4C+4*i:], freeSect)
	}
	le.PutUint32(h[0x4C:], 0)

	table := make([]uint32, sector/4)
	for i := range table {
		table[i] = freeSect
	}
	table[0] = 0xFFFFFFFD // the FAT's own sector
	table[1] = endOfChain
	for i := 0; i < n; i++ {
		table[2+i] = uint32(3 + i)
	}
	table[1+n] = endOfChain
	if fat != nil {
		fat(table)
	}
	for i, v := range table {
		le.PutUint32(data[sector+4*i:], v)
	}

	dir := data[2*sector:]
	entry := func(e []byte, name string, kind byte, start uint32, size uint64) {
		u := utf16.Encode([]rune(name))
		for i, c := range u {
			le.PutUint16(e[2*i:], c)
		}
		le.PutUint16(e[0x40:], uint16(2*len(u)+2))
		e[0x42] = kind
		le.PutUint32(e[0x74:], start)
		le.PutUint64(e[0x78:], size)
	}
	entry(dir[0:], "Root Entry", 5, endOfChain, 0)
	entry(dir[dirSize:], "WordDocument", 2, 2, uint64(size))
	for i := 0; i < size; i++ {
		data[3*sector+i] = byte(i)
	}
	return data
}

func TestOpen(t *testing.T) {
	data := compound(5000, nil)
	f, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Stream("worddocument") // names match without regard to ASCII case
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 5000 || s[0] != 0 || s[4999] != byte(4999%256) {
		t.Errorf("stream of %d bytes, ends %d", len(s), s[len(s)-1])
	}
	if _, err := f.Stream("1Table"); err == nil {
		t.Error("a stream that is not there was found")
	}
}

// TestHostile: damaged files are refused at once, never loop or allocate more
// than they hold.
func TestHostile(t *testing.T) {
	good := compound(5000, nil)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a compound file", bytes.Repeat([]byte("PK"), 300)},
		{"truncated header", good[:300]},
		{"truncated stream", good[:len(good)-1024]},
		{"sector shift 13", func() []byte { d := bytes.Clone(good); d[0x1E] = 13; return d }()},
		{"a FAT larger than the file", func() []byte { d := bytes.Clone(good); binary.LittleEndian.PutUint32(d[0x2C:], 1<<30); return d }()},
		{"the directory's chain loops", compound(5000, func(fat []uint32) { fat[1] = 1 })},
		{"the stream's chain loops", compound(5000, func(fat []uint32) { fat[3] = 2 })},
		{"the stream's chain leaves the file", compound(5000, func(fat []uint32) { fat[2] = 1 << 20 })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Open(tt.data)
			if err == nil {
				_, err = f.Stream("WordDocument")
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("error %v, want ErrFormat", err)
			}
		})
	}
	huge := compound(5000, nil)
	binary.LittleEndian.PutUint64(huge[2*512+dirSize+0x78:], 1<<31)
	if f, err := Open(huge); err == nil {
		if _, err := f.Stream("WordDocument"); err == nil {
			t.Error("a stream larger than the file was read")
		}
	}
}

// TestDocument reads a .doc that LibreOffice wrote: its streams and the mini
// stream that holds the small ones.
func TestDocument(t *testing.T) {
	data, err := os.ReadFile("../../generator/importer/testdata/doc/gwa-han-letter-template.doc")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	w, err := f.Stream("WordDocument")
	if err != nil || len(w) < 2 || binary.LittleEndian.Uint16(w) != 0xA5EC {
		t.Fatalf("WordDocument: %v, % x", err, w[:min(len(w), 4)])
	}
	info, err := f.Stream("\x05SummaryInformation") // a small stream: in the mini stream
	if err != nil || len(info) < 2 || binary.LittleEndian.Uint16(info) != 0xFFFE {
		t.Errorf("SummaryInformation: %v, % x", err, info[:min(len(info), 4)])
	}
}

func FuzzOpen(f *testing.F) {
	f.Add(compound(5000, nil))
	f.Add(compound(100, func(fat []uint32) { fat[2] = 2 }))
	if d, err := os.ReadFile("../../generator/importer/testdata/doc/gwa-han-letter-template.doc"); err == nil {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Open(data)
		if err != nil {
			return
		}
		for _, name := range []string{"WordDocument", "1Table", "0Table", "Data", "\x05SummaryInformation"} {
			if s, err := c.Stream(name); err == nil && len(s) > len(data) {
				t.Fatalf("%s: %d bytes from a file of %d", name, len(s), len(data))
			}
		}
	})
}
