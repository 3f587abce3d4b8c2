package content

import (
	"errors"
	"regexp"
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
	Key   string // the field's own key: title, recipient, author, text, heading or lead
	Level int    // the section level (1–4) of a heading, lead or section text; 0 at the top
	Text  string

	l  *locator
	ts textSrc
	p  para
}

// Pos returns the place in the file of byte i of t.Text: the line and the column of
// the character as written (an escape such as \" is placed at its backslash).
func (t *Text) Pos(i int) model.Pos { return t.l.pos(t.ts.off(t.p.dec(i))) }

// textField matches the paths of the text values a Text is made for.
var textField = regexp.MustCompile(`^((?:section\[\d+\]\.)*)(title|recipient|author|text|heading|lead)$`)

// Texts returns the paragraphs of every text value of a content file — title,
// recipient, author, and the heading, lead and text of each section — in file order.
// It reads the file leniently: a file with mistakes gives what can be found.
func Texts(file string, src []byte) []*Text {
	l := newLocator(file, normalize(src))
	var out []*Text
	seen := map[string]bool{}
	for _, k := range l.keys {
		m := textField.FindStringSubmatch(k.path)
		if m == nil || k.e.str == nil || seen[k.path] {
			continue
		}
		level := strings.Count(m[1], "section[")
		if level == 0 && (m[2] == "heading" || m[2] == "lead") || level > 0 && m[2] != "heading" && m[2] != "lead" && m[2] != "text" {
			continue
		}
		seen[k.path] = true
		s, offs := decodeString(l.src, *k.e.str)
		ts := textSrc{text: s, offs: offs}
		for _, p := range splitParas(s, m[2] == "text") {
			out = append(out, &Text{Field: k.path, Key: m[2], Level: level, Text: p.s, l: l, ts: ts, p: p})
		}
	}
	return out
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
