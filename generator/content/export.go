package content

import (
	"errors"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/generator/model"
)

// This file exports what tools that look at a content file as written — the linter
// (generator/lint) and the importer (generator/importer) — need from this package.

// Text is one paragraph of a text value as the author wrote it: count references
// such as {学习} and doubled braces are left as they are, and the lines are trimmed
// and joined the way Parse joins them. Pos maps every byte back to the file.
type Text struct {
	Field string // the field, e.g. title, text, section[1].section[0].lead
	Key   string // the field's own key: title, text, heading, lead, cc, title …
	Level int    // the section level (1–4) of a heading, lead or section text; 0 at the top
	Text  string

	l  *locator
	ts textSrc
	p  para
}

// Pos returns the place in the file of byte i of t.Text: the line and the column of
// the character as written (an escape such as \" is placed at its backslash).
func (t *Text) Pos(i int) model.Pos { return t.l.pos(t.ts.off(t.p.dec(i))) }

// lastKey matches the last key of a path and any indices after it.
var lastKey = regexp.MustCompile(`([^.\[\]]+)(?:\[\d+\])*$`)

// Texts returns the paragraphs of every string value of a content file that the
// document prints — title, 主送机关, 署名, section headings and texts, 附件, tables,
// 版头, 版记, 附注, attendance — in file order (the [counts] table is left out: its
// labels are names, not prose). Only a text value is split at blank lines. It reads
// the file leniently: a file with mistakes gives what can be found.
func Texts(file string, src []byte) []*Text {
	l := newLocator(file, normalize(src))
	type value struct {
		path string
		e    *loc
	}
	var values []value
	for path, e := range l.at {
		if e.str != nil && path != "counts" && !strings.HasPrefix(path, "counts.") && !strings.HasPrefix(path, "counts[") {
			values = append(values, value{path, e})
		}
	}
	sort.Slice(values, func(i, j int) bool {
		a, b := values[i], values[j]
		return a.e.val < b.e.val || a.e.val == b.e.val && a.path < b.path
	})
	var out []*Text
	for _, v := range values {
		key := lastKey.FindStringSubmatch(v.path)[1]
		level := 0
		if key == "heading" || key == "lead" || key == "text" {
			level = strings.Count(v.path, "section[")
		}
		s, offs := decodeString(l.src, *v.e.str)
		ts := textSrc{text: s, offs: offs}
		for _, p := range splitParas(s, key == "text") {
			out = append(out, &Text{Field: v.path, Key: key, Level: level, Text: p.s, l: l, ts: ts, p: p})
		}
	}
	return out
}

// ValuePos returns where the value of a field (such as print_date or cc[1]) starts.
func ValuePos(file string, src []byte, path string) (model.Pos, bool) {
	l := newLocator(file, normalize(src))
	off := l.valOff(path)
	return l.pos(off), off >= 0
}

// TypedNumber returns the heading numbering a person typed at the start of s —
// 一、 （一） 1. （1） and their variants such as (一) or 1、 — or "" when there is none.
// "1.5倍" is a number, not numbering.
func TypedNumber(s string) string { return numbering(s) }

// Inspect reads a content file like Parse, but when the file is TOML whose values
// have mistakes it returns the document as far as it could be built together with
// the error, for tools that look at a file with mistakes in it (gongwen check). The
// document is nil only when the file is not UTF-8 or not TOML.
func Inspect(file string, src []byte) (*model.Document, error) {
	doc, err := Parse(file, src)
	if err == nil {
		return doc, nil
	}
	s := normalize(src)
	var raw map[string]any
	md, derr := toml.Decode(s, &raw)
	if !utf8.ValidString(s) || derr != nil {
		return nil, err
	}
	b := newBuilder(file, s, md)
	b.document(raw)
	return b.doc, err
}

// ErrorList returns the content errors that err holds: one for an *Error, all of
// them for Errors, none for any other error.
func ErrorList(err error) []*Error {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

// Lines returns the line of every key, table header and array element of a content
// file by path (title, section[1].text, counts.学习): where an editor shows a
// field's messages, and finds the field of a line.
func Lines(file string, src []byte) map[string]int {
	l := newLocator(file, normalize(src))
	out := make(map[string]int, len(l.at))
	for path, e := range l.at {
		out[path] = l.pos(e.key).Line
	}
	return out
}
