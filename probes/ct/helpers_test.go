package ct

import (
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/google/certificate-transparency-go/loglist3"
)

// world is a test PKI and four test logs: A1 and A2 run by operator A,
// B1 by operator B, and X, which the log list does not name.
type world struct {
	root, inter   *pki.Cert
	a1, a2, b1, x *ctlab.Log
	list          *loglist3.LogList
}

func newWorld(t testing.TB) *world {
	t.Helper()
	w := &world{}
	var err error
	if w.root, err = pki.NewRoot("ct test root"); err != nil {
		t.Fatal(err)
	}
	if w.inter, err = w.root.Intermediate("ct test CA"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct {
		p              **ctlab.Log
		name, operator string
	}{{&w.a1, "Alpha 2027", "Operator A"}, {&w.a2, "Alpha Backup", "Operator A"}, {&w.b1, "Bravo 2027", "Operator B"}, {&w.x, "Stray", "Operator X"}} {
		if *l.p, err = ctlab.NewLog(l.name, l.operator); err != nil {
			t.Fatal(err)
		}
	}
	if w.list, _, err = ctlab.LogList(w.a1, w.a2, w.b1); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) issue(t testing.TB, specs []ctlab.SCTSpec, opts ...pki.Option) *pki.Cert {
	t.Helper()
	c, err := ctlab.Issue(w.inter, []string{"meet.example.test"}, specs, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// input presents leaf and the intermediate, with the test root public.
func (w *world) input(leaf *pki.Cert) Input {
	return Input{Chain: leaf.Chain()[:2], Logs: w.list, PublicRoots: w.root.Pool(), Now: time.Now()}
}

func find(t testing.TB, r *Result, id string) findings.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %q in %v", id, idsOf(r))
	return findings.Finding{}
}

func idsOf(r *Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.ID)
	}
	return out
}

func wantVerdict(t testing.TB, r *Result, v Verdict, codes ...findings.Code) {
	t.Helper()
	if r.Verdict != v {
		t.Fatalf("verdict %s (%s), want %s; findings %v", r.Verdict, r.Reason, v, idsOf(r))
	}
	got := findings.Codes(r.Findings)
	if len(got) != len(codes) {
		t.Fatalf("codes %v, want %v", got, codes)
	}
	for i := range got {
		if got[i] != codes[i] {
			t.Fatalf("codes %v, want %v", got, codes)
		}
	}
}
