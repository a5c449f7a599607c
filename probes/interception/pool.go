package interception

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
	"golang.org/x/crypto/x509roots/fallback/bundle"
)

// Trust is how a chain's root relates to the system and public pools.
type Trust string

// The verdicts of ClassifyRoots. The zero value means not classified.
const (
	// Public: the chain verifies against the public Web PKI bundle.
	Public Trust = "public"
	// EnterpriseRoot: the system pool trusts the chain but the public
	// bundle does not, so a non-public root (an organisation's, or an
	// inspection product's) is installed on this machine.
	EnterpriseRoot Trust = "enterprise-root"
	// Untrusted: neither pool trusts the chain.
	Untrusted Trust = "untrusted"
)

// PoolVerdict is the result of ClassifyRoots.
type PoolVerdict struct {
	Trust Trust
	// SystemTrusted and PublicTrusted are the two verifications. Public
	// without SystemTrusted means this machine lacks a public root.
	SystemTrusted, PublicTrusted bool
	// Anchor is the root the chain verified to (the public one when
	// public), nil when Untrusted.
	Anchor *x509.Certificate
	// Evidence: trust, system_trusted, public_trusted, anchor,
	// anchor_sha256, system_error, public_error.
	Evidence []findings.Evidence
}

// ClassifyRoots verifies chain (leaf first) for trust only — no host
// name, any key usage, at a time inside the certificates' validity — once
// against system (nil: the platform's roots) and once against public
// (nil: PublicPool()), and says which trusts it. It asks at the moments
// chainverify.TrustTimes picks from at (the local time), as the TLS probe
// does. paths remembers the answers for the run (nil: verify every time).
func ClassifyRoots(paths *chainverify.Verifier, chain []*x509.Certificate, system, public *x509.CertPool, at time.Time) PoolVerdict {
	if len(chain) == 0 || chain[0] == nil {
		return PoolVerdict{Trust: Untrusted, Evidence: []findings.Evidence{
			{Label: "trust", Value: string(Untrusted)},
			{Label: "error", Value: "no certificate was presented"},
		}}
	}
	if public == nil {
		public = publicPool() // read-only here, no copy needed
	}
	sysAnchor, sysErr := verifyTrust(paths, chain, system, at, system == nil)
	pubAnchor, pubErr := verifyTrust(paths, chain, public, at, false)

	v := PoolVerdict{SystemTrusted: sysErr == nil, PublicTrusted: pubErr == nil}
	switch {
	case v.PublicTrusted:
		v.Trust, v.Anchor = Public, pubAnchor
	case v.SystemTrusted:
		v.Trust, v.Anchor = EnterpriseRoot, sysAnchor
	default:
		v.Trust = Untrusted
	}
	v.Evidence = []findings.Evidence{
		{Label: "trust", Value: string(v.Trust)},
		{Label: "system_trusted", Value: yesNo(v.SystemTrusted)},
		{Label: "public_trusted", Value: yesNo(v.PublicTrusted)},
	}
	if v.Anchor != nil {
		sum := sha256.Sum256(v.Anchor.Raw)
		v.Evidence = append(v.Evidence,
			findings.Evidence{Label: "anchor", Value: v.Anchor.Subject.String()},
			findings.Evidence{Label: "anchor_sha256", Value: hex.EncodeToString(sum[:])})
	}
	if sysErr != nil {
		v.Evidence = append(v.Evidence, findings.Evidence{Label: "system_error", Value: sysErr.Error()})
	}
	if pubErr != nil {
		v.Evidence = append(v.Evidence, findings.Evidence{Label: "public_error", Value: pubErr.Error()})
	}
	return v
}

// verifyTrust returns the anchor of the first chain that verifies
// against roots at any of the candidate times, else the anchor the linked
// path's top reaches (chainverify.Anchored), or the first error.
// nilMeansSystem says a nil pool stands for the platform roots.
func verifyTrust(paths *chainverify.Verifier, chain []*x509.Certificate, roots *x509.CertPool, at time.Time, nilMeansSystem bool) (*x509.Certificate, error) {
	if roots == nil && !nilMeansSystem {
		return nil, fmt.Errorf("no root pool")
	}
	var firstErr error
	for _, t := range chainverify.TrustTimes(chain, at) {
		chains, err := paths.Verify(chainverify.Request{
			Cert: chain[0], Intermediates: chain[1:], Roots: roots, At: t,
			Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil && len(chains) > 0 {
			path := chains[0]
			return path[len(path)-1], nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	// No moment suits every certificate (a leaf issued after its
	// intermediate expired): the root is the one the path's top reaches,
	// every link's signature checked.
	if path, _, err := paths.Anchored(chain, roots, at, nil); err == nil {
		return path[len(path)-1], nil
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("no verified chain")
	}
	return nil, firstErr
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

var publicPool = sync.OnceValue(func() *x509.CertPool {
	p := x509.NewCertPool()
	for r := range bundle.Roots() {
		c, err := x509.ParseCertificate(r.Certificate)
		if err != nil {
			continue // the bundle is generated and tested upstream
		}
		if r.Constraint != nil {
			p.AddCertWithConstraint(c, r.Constraint)
		} else {
			p.AddCert(c)
		}
	}
	return p
})

// PublicPool returns the public Web PKI roots (Mozilla's NSS list, as
// bundled by golang.org/x/crypto/x509roots/fallback), independent of
// this machine's trust store. Each call returns a copy the caller may
// change.
func PublicPool() *x509.CertPool { return publicPool().Clone() }
