package generator

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// presetError tells that the preset the content file names cannot be loaded, at the
// layout line of the file: an unknown built-in name with the closest one ("notise" →
// notice), or a preset file that does not exist. Other errors (a mistake inside a
// preset file) already name their own file.
func presetError(file string, src []byte, doc *model.Document, name string, err error) error {
	pos, ok := doc.Fields["layout"]
	builtin := !strings.HasSuffix(name, ".toml")
	if !ok {
		pos = model.Pos{File: file}
	}
	line := sourceLine(src, pos.Line)
	pos.Col = valueCol(line, pos.Col)
	e := &content.Error{Pos: pos, Field: "layout", Source: line}
	if !ok || builtin && slices.Contains(layout.Names(), name) || !builtin && !errors.Is(err, fs.ErrNotExist) {
		// a preset file that cannot be read (not a regular file, too large …)
		e.Msg = err.Error()
		e.Hint = "版式文件的路径相对于内容文件所在的目录；也可以写内置版式的名称，例如 layout = \"report\""
		return e
	}
	if !builtin {
		e.Msg = "找不到版式文件「" + name + "」"
		e.Hint = "版式文件的位置从内容文件所在的文件夹算起；请检查文件名，或改用内置版式：" + presetList
		return e
	}
	e.Msg = "没有名为「" + name + "」的版式"
	e.Hint = "内置版式：" + presetList
	if s := content.Suggest(name, layout.Names()); s != "" {
		e.Hint = "您是不是想写 " + s + "？\n" + e.Hint
	}
	return e
}

// presetList names the built-in presets with what each is for.
const presetList = "report（报告、总结）、notice（通知等下行文）、request（请示等上行文）、letter（函）、minutes（纪要）"

// valueCol is the column (in characters) of the value of the key at column keyCol:
// the first character after the = that follows it.
func valueCol(line string, keyCol int) int {
	rs := []rune(line)
	i := min(max(keyCol-1, 0), len(rs))
	for i < len(rs) && rs[i] != '=' {
		i++
	}
	i++
	for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t') {
		i++
	}
	if i >= len(rs) {
		return keyCol
	}
	return utf8.RuneCountInString(string(rs[:i])) + 1
}
