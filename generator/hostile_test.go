//go:build unix

package generator

import (
	"github.com/gongwen/gongwen/internal/bounded"

	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gongwen/gongwen/generator/content"
)

// hugePNG is a small PNG file whose header says it is w × h pixels (issue 15: a
// 1.5 MB seal of 20000 × 20000 took 5 GB to decode).
func hugePNG(t *testing.T, w, h uint32) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	data := buf.Bytes()
	// IHDR: 8-byte signature, length, "IHDR", width, height, …, CRC over type and data
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

// TestHostileInputs builds each hostile input of issue 15 and checks the located
// Chinese message, within 2 s and 300 MB.
func TestHostileInputs(t *testing.T) {
	const doc = "title = \"测试\"\nauthor = \"XX局\"\ndate = 2024-01-10\ntext = \"正文。\"\n"
	tests := []struct {
		name  string
		input string            // the content file; "DIR" is the folder
		files map[string][]byte // more files in the folder
		links map[string]string // symbolic links in the folder
		fifos []string
		want  string // the first line of the message
	}{
		{"layout linked to /dev/zero", "layout = \"zero.toml\"\n" + doc, nil, map[string]string{"zero.toml": "/dev/zero"}, nil,
			"x.toml:1:10: 无法读取版式文件 DIR/zero.toml：不是普通文件（是设备、管道或套接字），不能读取（版式 layout）"},
		{"layout linked to /dev/urandom", "layout = \"random.toml\"\n" + doc, nil, map[string]string{"random.toml": "/dev/urandom"}, nil,
			"x.toml:1:10: 无法读取版式文件 DIR/random.toml：不是普通文件（是设备、管道或套接字），不能读取（版式 layout）"},
		{"layout a FIFO", "layout = \"fifo.toml\"\n" + doc, nil, nil, []string{"fifo.toml"},
			"x.toml:1:10: 无法读取版式文件 DIR/fifo.toml：不是普通文件（是设备、管道或套接字），不能读取（版式 layout）"},
		{"layout missing", "layout = \"none.toml\"\n" + doc, nil, nil, nil,
			"x.toml:1:10: 找不到版式文件「none.toml」（版式 layout）"},
		{"layout width_mm = 1e9", "layout = \"wide.toml\"\n" + doc,
			map[string][]byte{"wide.toml": []byte("base = \"report\"\n[page]\nwidth_mm = 1e9\n")}, nil, nil,
			"DIR/wide.toml:3:1: 数值 1e+09 超出范围：应在 0 到 1000 毫米之间（字段 page.width_mm）"},
		{"layout with a TOML mistake", "layout = \"bad.toml\"\n" + doc,
			map[string][]byte{"bad.toml": []byte("base \"report\"\n")}, nil, nil,
			"DIR/bad.toml:1:6: 缺少等号「=」（字段 base）"},
		{"font file /dev/zero", "layout = \"font.toml\"\n" + doc,
			map[string][]byte{"font.toml": []byte("base = \"report\"\n[fonts.fangsong]\nfile = \"/dev/zero\"\n")}, nil, nil,
			"DIR/font.toml:3:1: 字体角色「fangsong」：无法读取指定的字体文件 /dev/zero：不是普通文件（是设备、管道或套接字），不能读取（字段 fonts.fangsong.file）"},
		{"seal 20000 × 20000", "seal = \"seal.png\"\n" + doc, map[string][]byte{"seal.png": hugePNG(t, 20000, 20000)}, nil, nil,
			"x.toml:1:1: 印章图片 seal.png 有 20000 × 20000 像素，太大：每边最多 4096 像素（印章图片 seal）"},
		{"seal a FIFO", "seal = \"seal.png\"\n" + doc, nil, nil, []string{"seal.png"},
			"x.toml:1:1: 无法读取印章图片 DIR/seal.png：不是普通文件（是设备、管道或套接字），不能读取（印章图片 seal）"},
		{"seal /dev/zero", "seal = \"seal.png\"\n" + doc, nil, map[string]string{"seal.png": "/dev/zero"}, nil,
			"x.toml:1:1: 无法读取印章图片 DIR/seal.png：不是普通文件（是设备、管道或套接字），不能读取（印章图片 seal）"},
		{"a private-use character in the title", strings.Replace(doc, "测试", "测\ue000试", 1), nil, nil, nil,
			"x.toml:1:11: 字符「\ue000」（U+E000）是私用区的自造字，只有造字的那个字体才有它的字形"},
		{"a private-use character in the issuer", "layout = \"notice\"\nissuer = \"XX\ue000局\"\n" + doc, nil, nil, nil,
			"x.toml:2:13: 字符「\ue000」（U+E000）是私用区的自造字，只有造字的那个字体才有它的字形"},
		{"a 50 MB content file", doc + "# " + strings.Repeat("x", 50<<20) + "\n", nil, nil, nil,
			"无法读取内容文件 DIR/x.toml：太大（50 MB），最多 8 MB"},
		{"a 40 KB file nested 10 000 deep", doc + "foo = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n", nil, nil, nil,
			"x.toml:5:103: 方括号 [ ] 或花括号 { } 套得太深：最多 32 层"},
		{"a header 10 000 deep", doc + "[[" + strings.Repeat("section.", 9999) + "section]]\n", nil, nil, nil,
			"x.toml:5:1: 表头的层次太多：有 10000 层，最多 32 层"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			input := filepath.Join(dir, "x.toml")
			os.WriteFile(input, []byte(tt.input), 0o644)
			for n, data := range tt.files {
				os.WriteFile(filepath.Join(dir, n), data, 0o644)
			}
			for n, target := range tt.links {
				if err := os.Symlink(target, filepath.Join(dir, n)); err != nil {
					t.Skip(err)
				}
			}
			for _, n := range tt.fifos {
				if err := mkfifo(filepath.Join(dir, n)); err != nil {
					t.Skip(err)
				}
			}
			var err error
			bounded.Run(t, func() { _, _, err = NewBuilder(nil, false).Build(input, "", pair) })
			if err == nil {
				t.Fatal("built")
			}
			msg := strings.ReplaceAll(err.Error(), input+":", "x.toml:")
			msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "DIR/")
			first, _, _ := strings.Cut(msg, "\n")
			if first != tt.want {
				t.Errorf("got  %s\nwant %s", first, tt.want)
			}
			if got := listDir(t, dir); strings.Contains(got, ".pdf") || strings.Contains(got, ".docx") {
				t.Errorf("the folder holds %q after a failed build", got)
			}
			var ce *content.Error
			if !errors.As(err, &ce) && !strings.HasPrefix(tt.want, "无法读取内容文件") {
				t.Errorf("not placed: %T", err)
			}
		})
	}
}

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
