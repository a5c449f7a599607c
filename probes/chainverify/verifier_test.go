package chainverify

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// builds counts the path buildings a Verifier really ran, by wrapping
// the package's verify hook for the test's duration.
func countBuilds(t *testing.T) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	prev := build
	build = func(c *x509.Certificate, o x509.VerifyOptions) ([][]*x509.Certificate, error) {
		n.Add(1)
		return prev(c, o)
	}
	t.Cleanup(func() { build = prev })
	return &n
}

// wantBuilds fails the test unless the Verifier built paths exactly want
// times; why says what that count stands for.
func wantBuilds(t *testing.T, builds *atomic.Int64, want int64, why string) {
	t.Helper()
	if n := builds.Load(); n != want {
		t.Errorf("%d path buildings, want %d: %s", n, want, why)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// world is a set of chains whose answers differ by usage, name, time and
// path: a plain server chain, leaves and intermediates whose extended key
// usages exclude serverAuth, a leaf with only an unknown usage, and an
// intermediate cross-signed by a root that allows serverAuth and by one
// that allows clientAuth only (two paths, one of them filtered).
type world struct {
	roots *x509.CertPool
	cases map[string][]*x509.Certificate // leaf first, then what is presented
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ok := must[*pki.Cert](t)
	root := ok(pki.NewRoot("lab root"))
	clientRoot := ok(pki.NewRoot("client-only root", pki.EKU(x509.ExtKeyUsageClientAuth)))
	inter := ok(root.Intermediate("lab intermediate"))
	clientInter := ok(root.Intermediate("client intermediate", pki.EKU(x509.ExtKeyUsageClientAuth)))
	anyInter := ok(root.Intermediate("any intermediate", pki.EKU(x509.ExtKeyUsageAny)))

	cross := ok(inter.CrossSigned(clientRoot)).Cert // the same intermediate under both roots

	roots := x509.NewCertPool()
	roots.AddCert(root.Cert)
	roots.AddCert(clientRoot.Cert)
	names := []string{"zoom.test"}
	leaf := ok(inter.Leaf(names))
	return &world{roots: roots, cases: map[string][]*x509.Certificate{
		"valid":        {leaf.Cert, inter.Cert},
		"cross-signed": {leaf.Cert, inter.Cert, cross},
		"only-cross":   {leaf.Cert, cross},
		"client-leaf":  {ok(inter.Leaf(names, pki.EKU(x509.ExtKeyUsageClientAuth))).Cert, inter.Cert},
		"unknown-eku-leaf": {ok(inter.Leaf(names, pki.Template(func(c *x509.Certificate) {
			c.ExtKeyUsage = nil
			c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 99999, 1}}
		}))).Cert, inter.Cert},
		"no-eku-leaf":        {ok(inter.Leaf(names, pki.EKU())).Cert, inter.Cert},
		"any-leaf":           {ok(inter.Leaf(names, pki.EKU(x509.ExtKeyUsageAny))).Cert, inter.Cert},
		"client-inter":       {ok(clientInter.Leaf(names)).Cert, clientInter.Cert},
		"any-inter":          {ok(anyInter.Leaf(names)).Cert, anyInter.Cert},
		"expired":            {ok(inter.Leaf(names, pki.Valid(time.Now().Add(-48*time.Hour), time.Now().Add(-24*time.Hour)))).Cert, inter.Cert},
		"missing-intermedia": {leaf.Cert},
		"untrusted":          {ok(ok(pki.NewRoot("stranger")).Leaf(names)).Cert},
	}}
}

// request asks about the named chain against the world's roots at at.
func (w *world) request(name string, at time.Time, usages ...x509.ExtKeyUsage) Request {
	chain := w.cases[name]
	return Request{Cert: chain[0], Intermediates: chain[1:], Roots: w.roots, At: at, Usages: usages}
}

// questions are the requests the probes ask of one chain, in the orders
// that exercise remembering and deriving.
func questions(chain []*x509.Certificate, roots *x509.CertPool, at time.Time) []Request {
	base := Request{Cert: chain[0], Intermediates: chain[1:], Roots: roots, At: at}
	with := func(f func(*Request)) Request { r := base; f(&r); return r }
	anyUse := []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	server := []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	return []Request{
		with(func(r *Request) { r.Usages = anyUse }),
		with(func(r *Request) { r.Usages = server }),
		with(func(r *Request) {}), // empty usages mean serverAuth
		with(func(r *Request) { r.Usages = server; r.DNSName = "zoom.test" }),
		with(func(r *Request) { r.Usages = server; r.DNSName = "other.test" }),
		with(func(r *Request) { r.Usages = anyUse; r.DNSName = "zoom.test" }),
		with(func(r *Request) { r.Usages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth} }),
		with(func(r *Request) {
			r.Usages = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
		}),
		with(func(r *Request) { r.Usages = anyUse; r.At = at.Add(200 * 24 * time.Hour) }),
		with(func(r *Request) { r.Usages = server; r.At = at.Add(200 * 24 * time.Hour) }),
	}
}

// rawPaths is a comparable form of paths: each path's certificates' bytes.
func rawPaths(paths [][]*x509.Certificate) []string {
	var out []string
	for _, p := range paths {
		var b bytes.Buffer
		for _, c := range p {
			b.Write(c.Raw)
			b.WriteByte(0)
		}
		out = append(out, b.String())
	}
	slices.Sort(out)
	return out
}

// TestAnswersMatchX509 asks every question of every chain, in forward and
// reverse order, of one Verifier and compares each answer with x509's
// own: the same success or failure, the same error text, the same paths.
func TestAnswersMatchX509(t *testing.T) {
	w := newWorld(t)
	at := time.Now()
	for _, reverse := range []bool{false, true} {
		v := New(0)
		for name, chain := range w.cases {
			qs := questions(chain, w.roots, at)
			if reverse {
				slices.Reverse(qs)
			}
			for i, q := range qs {
				want, wantErr := q.Cert.Verify(q.Options())
				for round := range 2 { // asked, then remembered
					got, err := v.Verify(q)
					if (err == nil) != (wantErr == nil) {
						t.Fatalf("%s question %d round %d (reverse %v): error %v, x509 says %v", name, i, round, reverse, err, wantErr)
					}
					if err != nil && err.Error() != wantErr.Error() {
						t.Errorf("%s question %d: error %q, x509 says %q", name, i, err, wantErr)
					}
					if !slices.Equal(rawPaths(got), rawPaths(want)) {
						t.Errorf("%s question %d round %d (reverse %v): %d paths, x509 finds %d", name, i, round, reverse, len(got), len(want))
					}
				}
			}
		}
	}
}

// TestRepeatedQuestionsBuildOnce: the probes' questions about one valid
// chain (trust, serverAuth, the name, the pools, CT) build paths once.
func TestRepeatedQuestionsBuildOnce(t *testing.T) {
	if platformVerifies() {
		t.Skip("x509 hands pools to the platform verifier here; nothing is derived")
	}
	w := newWorld(t)
	builds := countBuilds(t)
	v := New(0)
	chain := w.cases["valid"]
	at := time.Now()
	base := w.request("valid", at, x509.ExtKeyUsageAny)
	for range 5 {
		if _, err := v.Verify(base); err != nil {
			t.Fatal(err)
		}
	}
	server := base
	server.Usages = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	named := server
	named.DNSName = "zoom.test"
	reordered := base
	reordered.Intermediates = []*x509.Certificate{nil, chain[1], chain[1]}
	for _, r := range []Request{server, named, reordered} {
		if _, err := v.Verify(r); err != nil {
			t.Fatal(err)
		}
	}
	wantBuilds(t, builds, 1, "every question about one chain shares the first answer")
	if _, ok := v.Paths(named); !ok {
		t.Error("Paths does not know the derived named answer")
	}
	later := base
	later.At = at.Add(time.Hour)
	if _, ok := v.Paths(later); ok {
		t.Error("Paths answered a question never asked")
	}
	if _, err := v.Verify(later); err != nil {
		t.Fatal(err)
	}
	wantBuilds(t, builds, 2, "a new time is a new question")
}

// TestFailuresAreNotDerived: a serverAuth question whose any-usage answer
// has no serverAuth path, or a name the leaf lacks, goes to x509, which
// words the error.
func TestFailuresAreNotDerived(t *testing.T) {
	w := newWorld(t)
	builds := countBuilds(t)
	v := New(0)
	name := "client-leaf"
	r := w.request(name, time.Now(), x509.ExtKeyUsageAny)
	if _, err := v.Verify(r); err != nil {
		t.Fatal(err)
	}
	r.Usages = nil
	_, err := v.Verify(r)
	var inv x509.CertificateInvalidError
	if !asInvalid(err, &inv) || inv.Reason != x509.IncompatibleUsage {
		t.Fatalf("serverAuth on a clientAuth leaf: %v, want x509's incompatible usage", err)
	}
	valid := w.cases["valid"]
	named := Request{Cert: valid[0], Intermediates: valid[1:], Roots: w.roots, At: time.Now(), DNSName: "other.test"}
	if _, err := v.Verify(named); err == nil {
		t.Fatal("a name the leaf lacks verified")
	}
	wantBuilds(t, builds, 3, "failures are never derived")
}

func asInvalid(err error, target *x509.CertificateInvalidError) bool {
	e, ok := err.(x509.CertificateInvalidError)
	if ok {
		*target = e
	}
	return ok
}

// TestPathsAreTheCallersOwn: two targets presenting equal certificates
// (one certificate for two host names) each get paths made of their own
// objects, and changing a returned path changes no later answer.
func TestPathsAreTheCallersOwn(t *testing.T) {
	w := newWorld(t)
	chain := w.cases["valid"]
	copyOf := func(c *x509.Certificate) *x509.Certificate {
		return must[*x509.Certificate](t)(x509.ParseCertificate(c.Raw))
	}
	other := []*x509.Certificate{copyOf(chain[0]), copyOf(chain[1])}
	v := New(0)
	at := time.Now()
	ask := func(ch []*x509.Certificate) [][]*x509.Certificate {
		t.Helper()
		paths, err := v.Verify(Request{Cert: ch[0], Intermediates: ch[1:], Roots: w.roots, At: at})
		if err != nil {
			t.Fatal(err)
		}
		return paths
	}
	first := ask(chain)
	second := ask(other)
	if second[0][0] != other[0] || second[0][1] != other[1] {
		t.Error("the second caller got the first caller's certificate objects")
	}
	if second[0][2] != first[0][2] {
		t.Error("the root should be the pool's object for both callers")
	}
	first[0][0] = nil
	first[0] = append(first[0], nil)
	if again := ask(chain); again[0][0] != chain[0] || len(again[0]) != 3 {
		t.Error("a caller's change to a returned path reached the Verifier")
	}
}

// TestConcurrentAskersBuildOnce: many goroutines asking the same question
// at once share one path building.
func TestConcurrentAskersBuildOnce(t *testing.T) {
	w := newWorld(t)
	builds := countBuilds(t)
	v := New(0)
	name := "cross-signed"
	r := w.request(name, time.Now(), x509.ExtKeyUsageAny)
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			if paths, err := v.Verify(r); err != nil || len(paths) != 2 {
				t.Errorf("%d paths, %v; want the two cross-signed paths", len(paths), err)
			}
		})
	}
	wg.Wait()
	wantBuilds(t, builds, 1, "concurrent askers share one building")
}

// TestBoundedEntries: a full Verifier forgets and starts over, keeping
// at most its bound, and still answers correctly.
func TestBoundedEntries(t *testing.T) {
	w := newWorld(t)
	builds := countBuilds(t)
	v := New(1)
	at := time.Now()
	for i := range 3 {
		r := w.request("valid", at.Add(time.Duration(i)*time.Minute))
		for range 2 {
			if _, err := v.Verify(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(v.answers) != 1 {
		t.Errorf("%d answers kept, want 1", len(v.answers))
	}
	wantBuilds(t, builds, 3, "each question built once, then answered from memory")
}

// TestNilVerifierAndZeroTime: a nil Verifier and a request without a time
// verify every time, as x509 does.
func TestNilVerifierAndZeroTime(t *testing.T) {
	w := newWorld(t)
	var v *Verifier
	r := w.request("valid", time.Now())
	if _, err := v.Verify(r); err != nil {
		t.Fatal(err)
	}
	if _, ok := v.Paths(r); ok {
		t.Error("a nil Verifier remembered an answer")
	}
	builds := countBuilds(t)
	v = New(0)
	r.At = time.Time{}
	for range 2 {
		if _, err := v.Verify(r); err != nil {
			t.Fatal(err)
		}
	}
	wantBuilds(t, builds, 2, "a request without a time is never remembered")
	if _, err := v.Verify(Request{}); err == nil {
		t.Error("a request without a certificate verified")
	}
}
