package fonts

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits that keep a damaged or hostile file from making the reader allocate gigabytes.
const (
	maxCollectionFaces = 1024
	maxNameTable       = 1 << 20
	maxFontFile        = 1 << 30
)

// faceDir is the table directory of one face in a font file (a whole .ttf, or one face of a
// .ttc).
type faceDir struct {
	version uint32
	tables  []tableRecord
}

func (d faceDir) table(tag string) (tableRecord, bool) {
	for _, t := range d.tables {
		if t.tag == tag {
			return t, true
		}
	}
	return tableRecord{}, false
}

// readFaceDirs reads the table directories of every face in a font file with a few small
// reads: one face for a plain sfnt, all of them for a collection. It reads no table data.
func readFaceDirs(r io.ReaderAt, size int64) (collection bool, dirs []faceDir, err error) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return false, nil, errors.New("文件太短，不是字体文件")
	}
	offsets := []int64{0}
	if u32(hdr[:], 0) == tagTTCF {
		collection = true
		n := int(u32(hdr[:], 8))
		if n == 0 || n > maxCollectionFaces {
			return true, nil, fmt.Errorf("字体集的字体数无效：%d", n)
		}
		buf := make([]byte, 4*n)
		if _, err := r.ReadAt(buf, 12); err != nil {
			return true, nil, fmt.Errorf("字体集目录不完整：%w", err)
		}
		offsets = offsets[:0]
		for i := range n {
			offsets = append(offsets, int64(u32(buf, 4*i)))
		}
	}
	for _, off := range offsets {
		var h [12]byte
		if _, err := r.ReadAt(h[:], off); err != nil {
			return collection, nil, errors.New("字体目录不完整")
		}
		buf := make([]byte, 12+16*int(u16(h[:], 4)))
		if _, err := r.ReadAt(buf, off); err != nil {
			return collection, nil, errors.New("字体表目录不完整")
		}
		version, tables, err := readDirectory(buf, size)
		if err != nil {
			return collection, nil, err
		}
		dirs = append(dirs, faceDir{version: version, tables: tables})
	}
	return collection, dirs, nil
}

// extractFace copies one face of a collection into a standalone TrueType file: its tables
// (shared ones included) with a new directory, checksums and checkSumAdjustment.
func extractFace(r io.ReaderAt, d faceDir) ([]byte, error) {
	if d.version == tagOTTO {
		return nil, errCFF
	}
	var total int64
	for _, t := range d.tables {
		total += int64(t.length)
	}
	if total > maxFontFile {
		return nil, fmt.Errorf("字体太大（%d 字节）", total)
	}
	tables := make([]sfntTable, 0, len(d.tables))
	for _, t := range d.tables {
		data := make([]byte, t.length)
		if _, err := r.ReadAt(data, int64(t.offset)); err != nil {
			return nil, fmt.Errorf("读取 %s 表：%w", t.tag, err)
		}
		tables = append(tables, sfntTable{tag: t.tag, data: data})
	}
	return writeSFNT(tables), nil
}

// readNames reads the name table of one face and returns its family names (IDs 1, 16),
// full names (ID 4) and whether its style is regular (ID 2 or 17).
func readNames(r io.ReaderAt, d faceDir) (families, full []string, regular bool, err error) {
	t, ok := d.table("name")
	if !ok {
		return nil, nil, false, errors.New("没有 name 表")
	}
	if t.length > maxNameTable {
		return nil, nil, false, fmt.Errorf("name 表太大（%d 字节）", t.length)
	}
	buf := make([]byte, t.length)
	if _, err := r.ReadAt(buf, int64(t.offset)); err != nil {
		return nil, nil, false, fmt.Errorf("读取 name 表：%w", err)
	}
	_, families = familyNames(buf)
	for _, rec := range nameRecords(buf, func(id uint16) bool { return id == 2 || id == 4 || id == 17 }) {
		switch rec.id {
		case 4:
			if !containsString(full, rec.value) {
				full = append(full, rec.value)
			}
		default:
			regular = regular || isRegularStyle(rec.value)
		}
	}
	return families, full, regular, nil
}

// isRegularStyle reports whether a subfamily name means the upright normal-weight face,
// the one to prefer when a family name matches several faces.
func isRegularStyle(s string) bool {
	for _, r := range []string{"Regular", "Normal", "Book", "Roman", "Standard", "常规", "标准", "正常"} {
		if strings.EqualFold(s, r) {
			return true
		}
	}
	return false
}
