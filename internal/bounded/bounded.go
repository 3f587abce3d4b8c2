// Package bounded checks, in tests, the bound every hostile input must keep (issue 15):
// an answer within 2 seconds and 300 MB.
package bounded

import (
	"runtime"
	"testing"
	"time"
)

// Run runs f and fails t when it takes over 2 s or allocates over 300 MB.
func Run(t testing.TB, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	if d > 2*time.Second {
		t.Errorf("took %v, more than 2 s", d)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 300<<20 {
		t.Errorf("allocated %d MB, more than 300 MB", n>>20)
	}
}
