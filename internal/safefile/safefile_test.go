package safefile

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "none.toml")
	_, err := ReadPath(path, 10)
	if want := path + "：文件不存在"; fmt.Sprint(err) != want {
		t.Errorf("ReadPath = %v, want %s", err, want)
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, "文件不存在"},
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, "磁盘已满"},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, "没有权限（请检查文件和文件夹的权限，或文件是否被其他程序占用）"},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EISDIR}, "是一个文件夹，不是文件"},
		{&os.PathError{Op: "write", Path: "x", Err: syscall.EROFS}, "磁盘是只读的"},
	}
	for _, tt := range tests {
		if got := Reason(tt.err); got != tt.want {
			t.Errorf("Reason(%v) = %s, want %s", tt.err, got, tt.want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{12: "12 字节", 8 << 20: "8 MB", 300 << 10: "300 KB", 1536: "1.5 KB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %s, want %s", n, got, want)
		}
	}
}
