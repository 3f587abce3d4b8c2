package pdf_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// A reader for the PDF files the writer makes, independent of its code: it checks the
// file structure and decodes the text of every page through the fonts' ToUnicode maps.

// object is an object of a parsed file.
type object struct {
	dict   string // the object's text up to "stream" (all of it for other objects)
	stream []byte // the decoded stream, nil for other objects
}

// file is a parsed PDF.
type file struct {
	objs    map[int]*object
	trailer string
}

var (
	refRE       = regexp.MustCompile(`\b(\d+) 0 R\b`)
	lengthRE    = regexp.MustCompile(`/Length (\d+)\b`)
	length1RE   = regexp.MustCompile(`/Length1 (\d+)\b`)
	startxrefRE = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	xrefEntryRE = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])\r\n$`)
)

// parse checks the structure of data and returns its objects: the header and end
// marker; startxref pointing at the cross-reference table; every entry pointing at
// "N 0 obj" of its own number, objects in order and not overlapping; every stream's
// Length right and its data inflating (to Length1 bytes for a font file); every
// reference naming an object that exists, and every object but the trailer's referenced.
func parse(t testing.TB, data []byte) *file {
	t.Helper()
	fail := func(format string, args ...any) *file {
		t.Helper()
		t.Fatalf("structure: "+format, args...)
		return nil
	}
	if !bytes.HasPrefix(data, []byte("%PDF-1.7\n%")) {
		return fail("header %q", data[:min(len(data), 12)])
	}
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		return fail("no startxref and %%%%EOF at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(data) || !bytes.HasPrefix(data[xref:], []byte("xref\n0 ")) {
		return fail("startxref %d does not point at the xref table", xref)
	}
	rest := data[xref+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	size, err := strconv.Atoi(string(rest[:nl]))
	if err != nil {
		return fail("xref subsection header %q", rest[:nl])
	}
	rest = rest[nl+1:]
	if len(rest) < 20*size {
		return fail("xref table cut short")
	}
	offsets := make([]int, size)
	for i := range size {
		e := xrefEntryRE.FindSubmatch(rest[20*i : 20*i+20])
		if e == nil {
			return fail("xref entry %d is %q", i, rest[20*i:20*i+20])
		}
		if (i == 0) != (string(e[3]) == "f") {
			return fail("xref entry %d is %q", i, rest[20*i:20*i+20])
		}
		offsets[i], _ = strconv.Atoi(string(e[1]))
	}
	f := &file{objs: map[int]*object{}, trailer: string(rest[20*size:])}
	if !strings.HasPrefix(f.trailer, "trailer\n<<") || !strings.Contains(f.trailer, fmt.Sprintf("/Size %d ", size)) {
		return fail("trailer %q", f.trailer)
	}
	end := 0
	for num := 1; num < size; num++ {
		off := offsets[num]
		head := fmt.Sprintf("%d 0 obj\n", num)
		if off < end || !bytes.HasPrefix(data[off:], []byte(head)) {
			return fail("object %d: xref offset %d points at %q", num, off, data[off:min(len(data), off+12)])
		}
		body := data[off+len(head):]
		o := &object{}
		if i := bytes.Index(body, []byte("stream\n")); i >= 0 && i < bytes.Index(body, []byte("endobj")) {
			o.dict = string(body[:i])
			lm := lengthRE.FindStringSubmatch(o.dict)
			if lm == nil {
				return fail("object %d: a stream without /Length", num)
			}
			n, _ := strconv.Atoi(lm[1])
			raw := body[i+len("stream\n"):]
			if len(raw) < n || !bytes.HasPrefix(raw[n:], []byte("\nendstream\nendobj\n")) {
				return fail("object %d: /Length %d is not where endstream is", num, n)
			}
			r, err := zlib.NewReader(bytes.NewReader(raw[:n]))
			if err != nil {
				return fail("object %d: %v", num, err)
			}
			if o.stream, err = io.ReadAll(r); err != nil {
				return fail("object %d: %v", num, err)
			}
			if l1 := length1RE.FindStringSubmatch(o.dict); l1 != nil && l1[1] != strconv.Itoa(len(o.stream)) {
				return fail("object %d: /Length1 %s, inflates to %d bytes", num, l1[1], len(o.stream))
			}
			end = off + len(head) + i + len("stream\n") + n + len("\nendstream\nendobj\n")
		} else {
			i := bytes.Index(body, []byte("\nendobj\n"))
			if i < 0 {
				return fail("object %d has no endobj", num)
			}
			o.dict = string(body[:i])
			end = off + len(head) + i + len("\nendobj\n")
		}
		f.objs[num] = o
	}
	if end != xref {
		return fail("%d bytes between the last object and the xref table", xref-end)
	}
	referenced := map[int]bool{}
	for _, s := range append([]string{f.trailer}, f.dicts()...) {
		for _, m := range refRE.FindAllStringSubmatch(s, -1) {
			n, _ := strconv.Atoi(m[1])
			if f.objs[n] == nil {
				return fail("reference to object %d, which does not exist", n)
			}
			referenced[n] = true
		}
	}
	for num := range f.objs {
		if !referenced[num] {
			return fail("object %d is referenced nowhere", num)
		}
	}
	return f
}

func (f *file) dicts() []string {
	var out []string
	for _, o := range f.objs {
		out = append(out, o.dict)
	}
	return out
}

// ref returns the object that key refers to in s ("/Key N 0 R").
func (f *file) ref(t testing.TB, s, key string) *object {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(key) + ` (\d+) 0 R`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in %q", key, s)
	}
	n, _ := strconv.Atoi(m[1])
	return f.objs[n]
}

// pages returns the page objects in order.
func (f *file) pages(t testing.TB) []*object {
	t.Helper()
	root := f.ref(t, f.trailer, "/Root")
	kids := regexp.MustCompile(`/Kids \[([^\]]*)\]`).FindStringSubmatch(f.ref(t, root.dict, "/Pages").dict)
	var out []*object
	for _, m := range refRE.FindAllStringSubmatch(kids[1], -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, f.objs[n])
	}
	return out
}

// cmap reads a ToUnicode CMap: glyph ID → text.
func cmap(t testing.TB, data []byte) map[uint16]string {
	t.Helper()
	hex := func(s string) []uint16 {
		var out []uint16
		for i := 0; i+4 <= len(s); i += 4 {
			v, err := strconv.ParseUint(s[i:i+4], 16, 16)
			if err != nil {
				t.Fatalf("ToUnicode: %q", s)
			}
			out = append(out, uint16(v))
		}
		return out
	}
	out := map[uint16]string{}
	mode := ""
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(strings.NewReplacer("<", " ", ">", " ").Replace(l))
		switch {
		case strings.HasSuffix(l, "beginbfchar"), strings.HasSuffix(l, "beginbfrange"):
			mode = f[1]
		case l == "endbfchar", l == "endbfrange":
			mode = ""
		case mode == "beginbfchar":
			out[hex(f[0])[0]] = string(utf16.Decode(hex(f[1])))
		case mode == "beginbfrange":
			lo, hi, dst := hex(f[0])[0], hex(f[1])[0], hex(f[2])
			for g := lo; g <= hi; g++ {
				out[g] = string(utf16.Decode(dst))
				dst[len(dst)-1]++
			}
		}
	}
	return out
}

// textOpRE finds the operators that matter for the text: Tf and Tj.
var textOpRE = regexp.MustCompile(`(/F\w+) [\d.]+ Tf|<([0-9A-F]*)> Tj`)

// texts decodes every page's text: one string per text object (BT … ET), its glyph IDs
// mapped through the ToUnicode CMap of the font each Tj is drawn in.
func (f *file) texts(t testing.TB) [][]string {
	t.Helper()
	maps := map[string]map[uint16]string{}
	var out [][]string
	for _, pg := range f.pages(t) {
		res := f.ref(t, pg.dict, "/Resources")
		var page []string
		font := ""
		for _, l := range strings.Split(string(f.ref(t, pg.dict, "/Contents").stream), "\n") {
			if !strings.HasPrefix(l, "BT ") {
				continue
			}
			var b strings.Builder
			for _, m := range textOpRE.FindAllStringSubmatch(l, -1) {
				if m[1] != "" {
					font = m[1]
					if maps[font] == nil {
						maps[font] = cmap(t, f.ref(t, f.ref(t, res.dict, font).dict, "/ToUnicode").stream)
					}
					continue
				}
				for i := 0; i+4 <= len(m[2]); i += 4 {
					g, _ := strconv.ParseUint(m[2][i:i+4], 16, 16)
					s, ok := maps[font][uint16(g)]
					if !ok {
						t.Errorf("glyph %d of %s is not in its ToUnicode map", g, font)
					}
					b.WriteString(s)
				}
			}
			page = append(page, b.String())
		}
		out = append(out, page)
	}
	return out
}

// fontDicts returns the dictionaries of the objects of one /Type /Font /Subtype.
func (f *file) fontDicts(subtype string) []string {
	var out []string
	for _, d := range f.dicts() {
		if strings.Contains(d, "/Type /Font /Subtype /"+subtype+" ") {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}
