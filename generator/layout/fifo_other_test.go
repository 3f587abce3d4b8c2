//go:build !unix

package layout

import "testing"

func mkfifo(t *testing.T, path string) { t.Skip("no FIFOs here") }
