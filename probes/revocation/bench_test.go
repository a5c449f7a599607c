package revocation

import (
	"testing"
	"time"

	"golang.org/x/crypto/ocsp"
)

// BenchmarkOCSPJudge measures judging one stapled OCSP response signed
// by the issuer (parse, signature check, dates, status).
func BenchmarkOCSPJudge(b *testing.B) {
	l := newLab(b)
	leaf := l.leaf(b)
	der := staple(b, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Good, NextUpdate: time.Now().Add(time.Hour)})
	s := subject{cert: leaf.Cert, issuer: l.inter.Cert}
	c := clocks{now: time.Now()}
	b.ReportAllocs()
	for b.Loop() {
		if j := judgeOCSP(der, s, c, SourceStapled, ""); j.status != StatusGood {
			b.Fatalf("status %s", j.status)
		}
	}
}
