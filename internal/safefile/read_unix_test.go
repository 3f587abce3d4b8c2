//go:build unix

package safefile

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.toml"), []byte("title = 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.toml"), make([]byte, 2000), 0o644)
	os.Mkdir(filepath.Join(dir, "folder.toml"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml"))
	os.Symlink("/dev/urandom", filepath.Join(dir, "random.toml"))
	tests := []struct {
		name, want string
	}{
		{"ok.toml", ""},
		{"big.toml", "big.toml：太大（1.95 KB），最多 1000 字节"},
		{"folder.toml", "folder.toml：是一个文件夹，不是文件"},
		{"fifo.toml", "fifo.toml：不是普通文件（是设备、管道或套接字），不能读取"},
		{"zero.toml", "zero.toml：不是普通文件（是设备、管道或套接字），不能读取"},
		{"random.toml", "random.toml：不是普通文件（是设备、管道或套接字），不能读取"},
		{"none.toml", "none.toml：文件不存在"},
		{"../x.toml", "../x.toml：文件名不对"},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		var data []byte
		go func() {
			var err error
			data, err = Read(os.DirFS(dir), tt.name, 1000)
			done <- err
		}()
		select {
		case err := <-done:
			if got := fmt.Sprint(err); tt.want == "" && err != nil || tt.want != "" && got != tt.want {
				t.Errorf("Read(%s) = %v, want %s", tt.name, err, tt.want)
			}
			if tt.want == "" && string(data) != "title = 1\n" {
				t.Errorf("Read(%s) = %q", tt.name, data)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("Read(%s) blocks", tt.name)
		}
	}
}
