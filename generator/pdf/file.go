package pdf

import (
	"crypto/sha256"
	"fmt"
	"strconv"

	"github.com/gongwen/gongwen/generator/typeset"
)

// write writes the whole file to w: header, objects in order, cross-reference table
// and trailer. The streams are compressed already.
func (d *doc) write(w *writer, res *typeset.Result, contents []stream, meta Meta) {
	n := len(res.Pages)
	w.str("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	w.obj(objCatalog)
	w.str("<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN)")
	if meta.Title != "" {
		w.str(" /ViewerPreferences << /DisplayDocTitle true >>")
	}
	w.str(" >>")
	w.endobj()

	w.obj(objPages)
	w.str("<< /Type /Pages /Count ")
	w.b = strconv.AppendInt(w.b, int64(n), 10)
	w.str(" /Kids [")
	for i := range n {
		if i > 0 {
			w.str(" ")
		}
		w.ref(objFirstPage + 2*i)
	}
	w.str("] >>")
	w.endobj()

	w.obj(objInfo)
	w.str("<< /Producer (gongwen) /Creator (gongwen)")
	if meta.Title != "" {
		w.str(" /Title ")
		w.b = appendTextString(w.b, meta.Title)
	}
	if meta.Author != "" {
		w.str(" /Author ")
		w.b = appendTextString(w.b, meta.Author)
	}
	if !meta.Date.IsZero() {
		w.str(" /CreationDate ")
		w.b = appendDate(w.b, meta.Date)
		w.str(" /ModDate ")
		w.b = appendDate(w.b, meta.Date)
	}
	w.str(" >>")
	w.endobj()

	w.obj(objResources)
	w.str("<< /Font <<")
	for _, f := range d.fonts {
		for v, res := range f.res {
			w.str(" ")
			w.b = append(w.b, res...)
			w.str(" ")
			w.ref(f.type0(v))
		}
	}
	w.str(" >>")
	if len(d.pictures) > 0 {
		w.str(" /XObject <<")
		for _, p := range d.pictures {
			w.str(" " + p.res + " ")
			w.ref(p.obj)
		}
		w.str(" >>")
	}
	w.str(" >>")
	w.endobj()

	for i := range n {
		w.obj(objFirstPage + 2*i)
		w.str("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ")
		w.b = appendNum(w.b, d.width, 2)
		w.str(" ")
		w.b = appendNum(w.b, d.height, 2)
		w.str("] /Resources 4 0 R /Contents ")
		w.ref(objFirstPage + 2*i + 1)
		w.str(" >>")
		w.endobj()
		w.stream(objFirstPage+2*i+1, &contents[i], "")
	}
	for _, f := range d.fonts {
		f.write(w)
	}
	for _, p := range d.pictures {
		p.write(w)
	}
	if want := d.objects - 1; len(w.offs) != want && w.err == nil {
		w.err = fmt.Errorf("pdf: internal error: %d objects written, %d numbered", len(w.offs), want)
	}

	// The file identifier is a hash of everything before it, so it is the same for the
	// same document and differs for any other.
	id := sha256.Sum256(w.b)
	xref := len(w.b)
	w.str("xref\n0 ")
	w.b = strconv.AppendInt(w.b, int64(len(w.offs)+1), 10)
	w.str("\n0000000000 65535 f\r\n")
	for _, o := range w.offs {
		w.b = appendPadded(w.b, o)
		w.str(" 00000 n\r\n")
	}
	w.str("trailer\n<< /Size ")
	w.b = strconv.AppendInt(w.b, int64(len(w.offs)+1), 10)
	w.str(" /Root 1 0 R /Info 3 0 R /ID [<")
	w.b = appendHexBytes(w.b, id[:16])
	w.str("> <")
	w.b = appendHexBytes(w.b, id[:16])
	w.str(">] >>\nstartxref\n")
	w.b = strconv.AppendInt(w.b, int64(xref), 10)
	w.str("\n%%EOF\n")
}

// writer builds the file: objects must come in the order of their numbers.
type writer struct {
	b    []byte
	offs []int // where object i+1 starts
	err  error
}

func (w *writer) str(s string) { w.b = append(w.b, s...) }

// ref appends an indirect reference "num 0 R".
func (w *writer) ref(num int) { w.b = appendRef(w.b, num) }

// obj starts object num.
func (w *writer) obj(num int) {
	if num != len(w.offs)+1 && w.err == nil {
		w.err = fmt.Errorf("pdf: internal error: object %d written after %d", num, len(w.offs))
	}
	w.offs = append(w.offs, len(w.b))
	w.b = strconv.AppendInt(w.b, int64(num), 10)
	w.str(" 0 obj\n")
}

func (w *writer) endobj() { w.str("\nendobj\n") }

// stream writes object num: the compressed stream s, with extra entries in its dictionary.
func (w *writer) stream(num int, s *stream, extra string) {
	w.obj(num)
	w.str("<< /Length ")
	w.b = strconv.AppendInt(w.b, int64(s.zlibLen()), 10)
	w.str(" /Filter /FlateDecode")
	w.str(extra)
	w.str(" >>\nstream\n")
	w.b = s.appendZlib(w.b)
	w.str("\nendstream")
	w.endobj()
}

// appendRef appends an indirect reference "num 0 R".
func appendRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// appendPadded appends v as ten digits, as a cross-reference entry wants.
func appendPadded(b []byte, v int) []byte {
	var d [10]byte
	for i := 9; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, d[:]...)
}

func appendHexBytes(b []byte, v []byte) []byte {
	for _, c := range v {
		b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
	}
	return b
}
