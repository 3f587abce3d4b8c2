package layout

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestPresetMistakes: every mistake in a preset file is refused at its key, in
// Chinese: absurd numbers (issue 15: width_mm = 1e9 made an invalid PDF), misspelt
// keys, TOML syntax, an unknown base.
func TestPresetMistakes(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"huge width", "base = \"report\"\n[page]\nwidth_mm = 1e9\n",
			"unit.toml:3:1: 数值 1e+09 超出范围：应在 0 到 1000 毫米之间（字段 page.width_mm）"},
		{"nan size", "base = \"report\"\n[body]\nsize_pt = nan\n",
			"unit.toml:3:1: 数值 NaN 不是一个确定的数（字段 body.size_pt）"},
		{"infinite indent", "base = \"report\"\n[body]\nindent_chars = inf\n",
			"unit.toml:3:1: 数值 +Inf 不是一个确定的数（字段 body.indent_chars）"},
		{"negative size", "base = \"report\"\n[title]\nsize_pt = -22.0\n",
			"unit.toml:3:1: 数值 -22 超出范围：应在 0 到 200 磅之间（字段 title.size_pt）"},
		{"absurd lines", "base = \"report\"\n[grid]\nlines = 100000\n",
			"unit.toml:3:1: 数值 100000 超出范围：应在 -10000 到 10000 之间（字段 grid.lines）"},
		{"zero chars", "base = \"report\"\n[grid]\nchars = 0\n",
			"unit.toml:3:1: 数值 0 超出范围：应在 1 到 200 之间（字段 grid.chars）"},
		{"ink over 100%", "base = \"report\"\n[ink]\nred = [0.0, 80.0, 800.0, 0.0]\n",
			"unit.toml:3:1: 数值 800 超出范围：应在 0 到 100 %之间（字段 ink.red）"},
		{"body off the page", "base = \"report\"\n[page]\nbody_width_mm = 190.0\n",
			"unit.toml:3:1: 版心超出纸张：订口 28 + 版心宽 190 大于纸宽 210 毫米（字段 page.body_width_mm）"},
		{"misspelt key", "base = \"report\"\n[page]\nwidht_mm = 200.0\n",
			"unit.toml:3:1: 未知的版式字段「page.widht_mm」（字段 page.widht_mm）"},
		{"toml syntax", "base = \"report\"\n[page]\nwidth_mm：210.0\n",
			"unit.toml:3:9: 名称和值之间要用等号「=」，不能用冒号（字段 page.width_mm）"},
		{"missing equals", "base \"report\"\n",
			"unit.toml:1:6: 缺少等号「=」（字段 base）"},
		{"text for a number", "base = \"report\"\n[page]\nwidth_mm = \"210\"\n",
			"unit.toml:3:1: 应为数值，这里写的是文字（字段 page.width_mm）"},
		{"a fraction for an integer", "base = \"report\"\n[grid]\nlines = 22.5\n",
			"unit.toml:3:1: 应为整数，这里写的是数值（字段 grid.lines）"},
		{"unknown base", "base = \"nosuch\"\n",
			"unit.toml:1:1: 没有名为「nosuch」的版式（可用：letter、minutes、notice、report、request）（字段 base）"},
		{"deep nesting", "base = \"report\"\nx = " + strings.Repeat("{a=", 300000) + "\n",
			"unit.toml:2:101: 方括号 [ ] 或花括号 { } 套得太深：最多 32 层"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := LoadFS(fstest.MapFS{"unit.toml": {Data: []byte(tt.src)}}, "unit.toml")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil {
				t.Fatal("loaded")
			}
			first, _, _ := strings.Cut(err.Error(), "\n")
			if first != tt.want {
				t.Errorf("got  %s\nwant %s", first, tt.want)
			}
		})
	}
}

// TestPresetFiles: only a regular file of at most MaxFileSize is read as a preset; a
// FIFO does not block, /dev/zero does not fill the memory (issue 15).
func TestPresetFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "big.toml"), make([]byte, MaxFileSize+1), 0o644)
	os.Mkdir(filepath.Join(dir, "folder.toml"), 0o755)
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml"))
	os.Symlink("/dev/urandom", filepath.Join(dir, "random.toml"))
	mkfifo(t, filepath.Join(dir, "fifo.toml"))
	tests := []struct{ name, want string }{
		{"none.toml", "无法读取版式文件 DIR/none.toml：文件不存在"},
		{"big.toml", "无法读取版式文件 DIR/big.toml：太大（1 MB），最多 1 MB"},
		{"folder.toml", "无法读取版式文件 DIR/folder.toml：是一个文件夹，不是文件"},
		{"zero.toml", "无法读取版式文件 DIR/zero.toml：不是普通文件（是设备、管道或套接字），不能读取"},
		{"random.toml", "无法读取版式文件 DIR/random.toml：不是普通文件（是设备、管道或套接字），不能读取"},
		{"fifo.toml", "无法读取版式文件 DIR/fifo.toml：不是普通文件（是设备、管道或套接字），不能读取"},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		go func() { _, err := LoadFrom(dir, tt.name); done <- err }()
		select {
		case err := <-done:
			if want := strings.ReplaceAll(tt.want, "DIR", dir); fmt.Sprint(err) != want {
				t.Errorf("%s: got %v, want %s", tt.name, err, want)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%s: LoadFrom blocks", tt.name)
		}
	}
}
