// Package chainverify answers crypto/x509 path-building questions once per
// run.
//
// One target's chain is asked about several times: is it trusted, does its
// path allow serverAuth, which root does it reach in the system pool and in
// the public one, does CT apply, which certificate issued each one for the
// revocation check. Every answer from x509.Certificate.Verify costs a
// signature check per edge it tries, and on a 100-target fleet run those
// repeated checks were most of the CPU. A Verifier remembers each answer
// under everything Verify reads (the certificate, the intermediates as a
// set, the root pool, the time, the host name and the key usages), so the
// same question is answered once, and two questions whose answers follow
// exactly from one already known are derived without new signature
// checks:
//
//   - serverAuth on a time, pool and set whose any-usage answer succeeded:
//     x509 keeps the same candidate paths and drops those whose extended
//     key usages exclude serverAuth, which is a filter on the known paths;
//   - a host name on a question that succeeded without one: x509 checks
//     the name before building paths and builds the same paths after it.
//
// The package also walks the path the certificates a server sent link
// into (LinkedPath), answers the trust question for a chain with no
// moment when every certificate is valid (Anchored), and names the
// moments every probe asks trust questions at (TrustTimes, Within), so
// that dates, judged on their own, never decide trust and the probes
// agree on it.
//
// Derivation is off where x509 hands the system pool to the platform
// verifier (Windows and macOS), whose answers x509 does not compute. A
// nil *Verifier verifies every time. Paths returned are fresh slices
// holding the caller's own certificates wherever the caller passed an
// equal one, so callers may keep or extend them.
package chainverify

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"
)

// errNoCert is Verify's answer to a request without a certificate.
var errNoCert = errors.New("chainverify: no certificate to verify")

// DefaultMaxEntries bounds how many answers a Verifier keeps: a few per
// target, for runs of hundreds of targets. When it is full the Verifier
// forgets everything and starts over, so a long wizard session that
// probes again and again (each time at a new time, so old answers are
// never asked for again) holds no old chains alive.
const DefaultMaxEntries = 4096

// build is x509's path building; tests count its calls.
var build = func(c *x509.Certificate, opts x509.VerifyOptions) ([][]*x509.Certificate, error) {
	return c.Verify(opts)
}

// Request is one path-building question: cert.Verify with the options
// these fields describe.
type Request struct {
	// Cert is the certificate to build a path from (usually the leaf).
	Cert *x509.Certificate
	// Intermediates may be used to build the path; nil entries are
	// skipped and order does not matter.
	Intermediates []*x509.Certificate
	// Roots are the trust anchors; nil means the system pool.
	Roots *x509.CertPool
	// At is the time the dates are checked at; it must not be zero.
	At time.Time
	// DNSName, when set, must match the certificate.
	DNSName string
	// Usages are the acceptable extended key usages; empty means
	// serverAuth, as in x509.
	Usages []x509.ExtKeyUsage
}

// Options returns the x509 options the request stands for.
func (r Request) Options() x509.VerifyOptions {
	inter := x509.NewCertPool()
	for _, c := range r.Intermediates {
		if c != nil {
			inter.AddCert(c)
		}
	}
	return x509.VerifyOptions{
		DNSName: r.DNSName, Roots: r.Roots, Intermediates: inter, CurrentTime: r.At,
		KeyUsages: slices.Clone(r.Usages),
	}
}

// Verifier remembers path-building answers. The zero value is not usable;
// call New. It is safe for concurrent use.
type Verifier struct {
	max     int
	mu      sync.Mutex
	answers map[key]*answer
}

// New returns a Verifier that keeps at most maxEntries answers (zero or
// less: DefaultMaxEntries).
func New(maxEntries int) *Verifier {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	return &Verifier{max: maxEntries, answers: map[key]*answer{}}
}

// answer is one remembered result; done closes when it is filled in, so
// concurrent askers of the same question wait for one computation.
type answer struct {
	done   chan struct{}
	chains [][]*x509.Certificate
	err    error
	// from is the certificate and intermediates of the request that
	// computed the answer: the objects own replaces with a later
	// caller's equal ones.
	from []*x509.Certificate
}

// key is everything cert.Verify reads.
type key struct {
	cert   [sha256.Size]byte
	inter  [sha256.Size]byte // of the sorted, deduplicated digests
	roots  *x509.CertPool
	at     int64
	dns    string
	usages string
}

// Verify returns what r.Cert.Verify(r.Options()) returns, computing it at
// most once per Verifier.
func (v *Verifier) Verify(r Request) ([][]*x509.Certificate, error) {
	if r.Cert == nil {
		return nil, errNoCert
	}
	if v == nil || r.At.IsZero() {
		return build(r.Cert, r.Options())
	}
	k := keyOf(r)
	if a, ok := v.lookup(k); ok {
		return own(a, r), a.err
	}
	if a, ok := v.derive(r); ok {
		return own(a, r), nil
	}
	a, mine := v.claim(k)
	if mine {
		a.from = requestCerts(r)
		a.chains, a.err = build(r.Cert, r.Options())
		close(a.done)
	} else {
		<-a.done
	}
	return own(a, r), a.err
}

// Paths returns the paths of a remembered (or exactly derivable)
// successful answer to r without building any; ok is false when none is
// known.
func (v *Verifier) Paths(r Request) (paths [][]*x509.Certificate, ok bool) {
	if v == nil || r.Cert == nil || r.At.IsZero() {
		return nil, false
	}
	a, ok := v.lookup(keyOf(r))
	if !ok {
		a, ok = v.derive(r)
	}
	if !ok || a.err != nil {
		return nil, false
	}
	return own(a, r), true
}

// lookup returns a finished answer for k, waiting for one in progress.
func (v *Verifier) lookup(k key) (*answer, bool) {
	v.mu.Lock()
	a, ok := v.answers[k]
	v.mu.Unlock()
	if !ok {
		return nil, false
	}
	<-a.done
	return a, true
}

// claim returns the answer slot for k and whether the caller must fill it
// in. A full Verifier forgets its answers first (askers already waiting
// on one still get it).
func (v *Verifier) claim(k key) (*answer, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if a, ok := v.answers[k]; ok {
		return a, false
	}
	if len(v.answers) >= v.max {
		clear(v.answers)
	}
	a := &answer{done: make(chan struct{})}
	v.answers[k] = a
	return a, true
}

// derive answers r from a remembered success that determines it exactly
// (see the package documentation); only successes are derived, so x509
// words every error itself.
func (v *Verifier) derive(r Request) (*answer, bool) {
	if platformVerifies() {
		return nil, false
	}
	base := r
	base.DNSName = ""
	a, ok := v.success(base, r.DNSName != "")
	if !ok {
		return nil, false
	}
	if r.DNSName != "" && r.Cert.VerifyHostname(r.DNSName) != nil {
		return nil, false
	}
	return a, true
}

// success returns a successful answer to r (no host name): remembered
// when direct allows it, or filtered for serverAuth from a remembered
// any-usage success.
func (v *Verifier) success(r Request, direct bool) (*answer, bool) {
	if direct {
		if a, ok := v.lookup(keyOf(r)); ok {
			return a, a.err == nil
		}
	}
	if !onlyServerAuth(r.Usages) {
		return nil, false
	}
	anyReq := r
	anyReq.Usages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	a, ok := v.lookup(keyOf(anyReq))
	if !ok || a.err != nil {
		return nil, false
	}
	var kept [][]*x509.Certificate
	for _, ch := range a.chains {
		if allowsServerAuth(ch) {
			kept = append(kept, ch)
		}
	}
	if len(kept) == 0 {
		return nil, false
	}
	done := make(chan struct{})
	close(done)
	return &answer{done: done, chains: kept, from: a.from}, true
}

// onlyServerAuth reports usages that mean serverAuth alone.
func onlyServerAuth(usages []x509.ExtKeyUsage) bool {
	return len(usages) == 0 || (len(usages) == 1 && usages[0] == x509.ExtKeyUsageServerAuth)
}

// allowsServerAuth is x509's key-usage rule for a single requested usage,
// serverAuth: every certificate on the path either states no extended key
// usage, or lists anyExtendedKeyUsage, or lists serverAuth.
func allowsServerAuth(chain []*x509.Certificate) bool {
	for _, c := range chain {
		if len(c.ExtKeyUsage) == 0 && len(c.UnknownExtKeyUsage) == 0 {
			continue
		}
		if !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageAny) && !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageServerAuth) {
			return false
		}
	}
	return true
}

// platformVerifies reports systems where x509 may hand a system pool to
// the platform verifier.
func platformVerifies() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "ios":
		return true
	}
	return false
}

// keyOf is r's memo key.
func keyOf(r Request) key {
	k := key{cert: sha256.Sum256(r.Cert.Raw), roots: r.Roots, at: r.At.UnixNano(), dns: r.DNSName}
	var digests [][sha256.Size]byte
	for _, c := range r.Intermediates {
		if c != nil {
			digests = append(digests, sha256.Sum256(c.Raw))
		}
	}
	slices.SortFunc(digests, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	digests = slices.Compact(digests)
	h := sha256.New()
	for _, d := range digests {
		h.Write(d[:])
	}
	h.Sum(k.inter[:0])
	usages := make([]int, 0, len(r.Usages))
	for _, u := range r.Usages {
		usages = append(usages, int(u))
	}
	slices.Sort(usages)
	var b []byte
	for _, u := range slices.Compact(usages) {
		b = strconv.AppendInt(append(b, ','), int64(u), 10)
	}
	k.usages = string(b)
	return k
}

// requestCerts is r's certificate followed by its intermediates.
func requestCerts(r Request) []*x509.Certificate {
	return append([]*x509.Certificate{r.Cert}, r.Intermediates...)
}

// own copies a's paths for r: fresh slices, with r's own certificate in
// place of each equal one the computing request passed (certificates from
// the root pool stay as they are), so callers never share slices or see
// another caller's certificate objects.
func own(a *answer, r Request) [][]*x509.Certificate {
	if a.chains == nil {
		return nil
	}
	mine := requestCerts(r)
	out := make([][]*x509.Certificate, len(a.chains))
	for i, ch := range a.chains {
		p := make([]*x509.Certificate, len(ch))
		for j, c := range ch {
			p[j] = c
			if !slices.Contains(a.from, c) {
				continue
			}
			for _, m := range mine {
				if m != nil && bytes.Equal(m.Raw, c.Raw) {
					p[j] = m
					break
				}
			}
		}
		out[i] = p
	}
	return out
}
