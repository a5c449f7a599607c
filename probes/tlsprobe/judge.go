package tlsprobe

import (
	"context"
	"crypto/x509"
	"strconv"
	"strings"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
)

// judge runs every certificate check on the captured chain and returns
// all their findings (unranked). Dates, signatures, keys and critical
// extensions are judged on the verified path, trust anchor included;
// presented certificates that are on no valid path are information.
// When the chain lacks an intermediate, it is fetched from AIA first.
func (r *Result) judge(ctx context.Context, cfg Config, now time.Time) []findings.Finding {
	var out []findings.Finding
	out = append(out, checkName(r.Chain[0], r.Host)...)
	tr := checkTrust(r.Chain, cfg.Roots, now, cfg.Paths)
	full := r.Chain
	if !tr.ok && cfg.AIAClient != nil && canComplete(r.Chain) {
		fetched, urls := completeChain(ctx, cfg.AIAClient, r.Chain)
		if len(fetched) > 0 {
			all := append(append([]*x509.Certificate(nil), r.Chain...), fetched...)
			if t2 := checkTrust(all, cfg.Roots, now, cfg.Paths); t2.ok {
				tr, full, r.Fetched = t2, all, fetched
				out = append(out, completedFinding(r.Chain, fetched, urls))
			}
		}
	}
	if !tr.ok && r.unreadable > 0 && !selfSigned(r.Chain[topOf(r.Chain)]) {
		// A certificate the server sent could not be read: the missing
		// link is that one, not a root this device lacks.
		tr.findings = []findings.Finding{incompleteFinding(r.Chain, topOf(r.Chain), tr.err)}
	}
	if !tr.ok {
		// No verified path: dates and weaknesses are judged on the path
		// the presented certificates link into; the rest is information.
		var linked []*x509.Certificate
		for _, i := range chainverify.LinkedPath(r.Chain, signedBy) {
			linked = append(linked, r.Chain[i])
		}
		out = append(out, tr.findings...)
		out = append(out, r.onChain(linked, append(checkDates(linked, now), checkWeakness(linked, false)...))...)
		out = append(out, r.unneeded(linked, now)...)
		return append(out, checkPurpose(r.Chain, r.CipherSuite, tr)...)
	}
	out = append(out, r.judgePath(tr, now)...)
	out = append(out, r.unneeded(tr.path, now)...)
	return append(out, checkPurpose(full, r.CipherSuite, tr)...)
}

// canComplete reports a chain whose top presented certificate is not
// self-signed and names an http:// caIssuers URL.
func canComplete(chain []*x509.Certificate) bool {
	top := chain[topOf(chain)]
	return !selfSigned(top) && len(httpURLs(top.IssuingCertificateURL)) > 0
}

// judgePath checks dates, signatures, keys and critical extensions on the
// verified path and its length. CertIndex is the position in the
// presented chain, -1 for the anchor or a fetched certificate.
func (r *Result) judgePath(tr trustResult, now time.Time) []findings.Finding {
	path := tr.path
	out := r.onChain(path, append(checkDates(path, now), checkWeakness(path, tr.anchorKnown)...))
	if n := len(path); n > MaxChain {
		out = append(out, newFinding(IDChainTooLong, findings.CodeOther, findings.Critical, -1,
			"The path from the server's certificate to the trusted root is "+strconv.Itoa(n)+" certificates long; verifiers stop at "+strconv.Itoa(MaxChain)+".").
			With(LabelCertificates, strconv.Itoa(n)).With(LabelMax, strconv.Itoa(MaxChain)))
	}
	return out
}

// onChain turns the certificate indexes of fs, found on path, into
// indexes of the presented chain (-1 for the anchor or a fetched
// certificate) and returns fs.
func (r *Result) onChain(path []*x509.Certificate, fs []findings.Finding) []findings.Finding {
	for i := range fs {
		if fs[i].CertIndex >= 0 {
			fs[i].CertIndex = indexOf(r.Chain, path[fs[i].CertIndex])
		}
	}
	return fs
}

// unneeded reports presented certificates that are on no valid path and
// would be faults if they were: information for the server's owner.
func (r *Result) unneeded(path []*x509.Certificate, now time.Time) []findings.Finding {
	var out []findings.Finding
	for i, c := range r.Chain {
		if indexOf(path, c) >= 0 {
			continue
		}
		var problems []string
		switch {
		case now.After(c.NotAfter):
			problems = append(problems, "expired")
		case now.Before(c.NotBefore):
			problems = append(problems, "not yet valid")
		}
		if len(c.UnhandledCriticalExtensions) > 0 {
			problems = append(problems, "unknown critical extension")
		}
		if isWeakAlg(c.SignatureAlgorithm) && !selfSigned(c) {
			problems = append(problems, "weak signature")
		}
		if len(problems) == 0 {
			continue
		}
		p := strings.Join(problems, ", ")
		out = append(out, newFinding(IDUnneededCert, findings.CodeNone, findings.Info, i,
			"The server also sends a certificate it does not need ("+subjectName(c)+": "+p+"); clients ignore it.").
			With(LabelSubject, subjectName(c)).With(LabelProblem, p).With(LabelNotAfter, stamp(c.NotAfter)))
	}
	return out
}

// completedFinding is the warning for a chain completed from AIA: the
// device connects (as browsers do), but the server's owner should send
// the intermediate, since clients that do not fetch (many apps and room
// systems) fail.
func completedFinding(sent, fetched []*x509.Certificate, urls []string) findings.Finding {
	var names []string
	for _, c := range fetched {
		names = append(names, subjectName(c))
	}
	return newFinding(IDChainCompleted, findings.CodeNone, findings.Warning, -1,
		"The server sends an incomplete chain: "+strings.Join(names, ", ")+" had to be fetched from "+urls[0]+". Clients that do not fetch missing intermediates reject it; the server's owner should send the full chain.").
		With(LabelSubject, subjectName(sent[0])).
		With(LabelIssuer, strings.Join(names, ", ")).
		With(LabelAIAIssuerURL, strings.Join(urls, " "))
}
