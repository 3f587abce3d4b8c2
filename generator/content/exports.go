package content

import (
	"errors"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/generator/model"
)

// The exports below let other TOML files — the layout presets — give the same
// located, Chinese messages as the content file.

// Prescan checks a TOML file against the nesting limits before it is decoded (see
// scanNesting); the error is an *Error.
func Prescan(file string, src []byte) error {
	if e := scanNesting(newLines(file, normalize(src))); e != nil {
		return e
	}
	return nil
}

// TOMLError turns an error of the TOML decoder on src into an *Error in Chinese at
// its place; other errors are returned unchanged.
func TOMLError(file string, src []byte, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return syntaxError(newLocator(file, normalize(src)), pe)
	}
	return err
}

// Locate returns where the key of path (page.width_mm, fonts.fangsong.file) stands in
// the TOML file src, and that line of it; Line 0 and "" when it is not written there.
func Locate(file string, src []byte, path string) (model.Pos, string) {
	l := newLocator(file, normalize(src))
	off := l.keyOff(path)
	if off < 0 {
		return model.Pos{File: file}, ""
	}
	p := l.pos(off)
	return p, l.line(p.Line)
}
