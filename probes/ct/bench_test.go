package ct

import (
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
)

// BenchmarkCTCheck measures a full check of a leaf with three embedded
// SCTs: path building to the public root, three signature checks and the
// policy.
func BenchmarkCTCheck(b *testing.B) {
	w := newWorld(b)
	in := w.input(w.issue(b, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.a2}, {Log: w.b1}}))
	b.ReportAllocs()
	for b.Loop() {
		if r := Check(in); r.Verdict != VerdictCompliant {
			b.Fatalf("verdict %s", r.Verdict)
		}
	}
}
