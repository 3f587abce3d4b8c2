package ofd

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/generator/typeset"
)

// xmlWriter writes one XML part: every element in the OFD namespace under the prefix
// ofd:, attributes in the order given, no indentation.
type xmlWriter struct {
	b bytes.Buffer
}

func newXML() *xmlWriter {
	x := &xmlWriter{}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return x
}

func (x *xmlWriter) start(name string, attrs []string) {
	x.b.WriteString("<ofd:")
	x.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.b.WriteByte(' ')
		x.b.WriteString(attrs[i])
		x.b.WriteString(`="`)
		xml.EscapeText(&x.b, []byte(attrs[i+1]))
		x.b.WriteByte('"')
	}
}

// open writes a start tag; attrs are name, value pairs.
func (x *xmlWriter) open(name string, attrs ...string) {
	x.start(name, attrs)
	x.b.WriteByte('>')
}

// empty writes an element without content.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.start(name, attrs)
	x.b.WriteString("/>")
}

// leaf writes an element holding text.
func (x *xmlWriter) leaf(name, text string, attrs ...string) {
	x.open(name, attrs...)
	xml.EscapeText(&x.b, []byte(text))
	x.close(name)
}

func (x *xmlWriter) close(name string) {
	x.b.WriteString("</ofd:")
	x.b.WriteString(name)
	x.b.WriteByte('>')
}

func (x *xmlWriter) bytes() []byte { return x.b.Bytes() }

// um converts points to whole micrometres, the unit every position is rounded to.
func um(p typeset.Pt) int64 {
	return int64(math.Round(float64(p) * 25400 / 72))
}

// mm writes a length of whole micrometres in millimetres: 210000 is "210", 12345 is
// "12.345", -500 is "-0.5".
func mm(v int64) string {
	s := ""
	if v < 0 {
		s, v = "-", -v
	}
	s += strconv.FormatInt(v/1000, 10)
	if frac := v % 1000; frac != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(1000+frac, 10)[1:], "0")
	}
	return s
}

// box writes an ST_Box: x, y, width and height.
func box(x, y, w, h int64) string {
	return mm(x) + " " + mm(y) + " " + mm(w) + " " + mm(h)
}
