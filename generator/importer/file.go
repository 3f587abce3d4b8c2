package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/internal/cfb"
	"github.com/gongwen/gongwen/internal/safefile"
)

// File imports a document by what it holds, whatever its name says: an Office
// Open XML package (a .docx or .dotx, or a .doc or .wps that WPS saved as one),
// a Word 97–2003 binary file (.doc, and WPS's .wps in that format) or plain text.
// An RTF file, and a binary file that cannot be read, are refused with the way
// out: save it as .docx.
func File(name string, data []byte, opt Options) (*Result, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return DOCX(data, opt)
	case bytes.HasPrefix(data, cfb.Signature):
		r, err := DOC(data, opt)
		if err != nil {
			return nil, fmt.Errorf("%w；请先在 Word 或 WPS 中“另存为” .docx，再导入", err)
		}
		return r, nil
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return nil, fmt.Errorf("不能直接读取 RTF 文件：请先在 Word 或 WPS 中“另存为” .docx，再导入")
	case ext == ".doc" || ext == ".wps":
		// an HTML page or a damaged file under a Word name
		return nil, fmt.Errorf("不能读取这个 %s 文件：它不是 Word 97–2003、WPS 或 DOCX 格式；请先在 Word 或 WPS 中“另存为” .docx，再导入", ext)
	case ext == ".docx" || ext == ".dotx":
		return DOCX(data, opt) // says the file is not a DOCX
	case len(data) > content.MaxFileSize:
		return nil, fmt.Errorf("文稿太大（%s）：纯文本文稿最多 %s", safefile.Size(int64(len(data))), safefile.Size(content.MaxFileSize))
	}
	return Text(data, opt)
}
