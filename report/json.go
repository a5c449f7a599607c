package report

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/tlsprobe"
	"github.com/certwiz/certwiz/verdict"
)

// Build turns a run into the certwiz.report/v1 document. Values keep
// their raw form (JSON escaping makes them inert) and nothing is
// localized, so scripts can rely on it.
func Build(rep *probes.Report, d verdict.Decision, version string) Document {
	doc := Document{
		Schema:      Schema,
		Code:        int(d.FoundCode),
		Status:      d.Status.Word(),
		ExitStatus:  int(d.Status),
		Cause:       string(d.Cause),
		Causes:      []string{},
		Answers:     d.Answers,
		Machine:     rep.Machine,
		GeneratedAt: rep.Started.UTC().Format(time.RFC3339),
		DurationMS:  rep.Duration.Milliseconds(),
		Interrupted: rep.Interrupted,
		Version:     version,
		Targets:     make([]Target, 0, len(rep.Targets)),
		Clock:       buildClock(rep),
		Network:     buildNetwork(rep),
	}
	for _, c := range d.Causes {
		doc.Causes = append(doc.Causes, string(c))
	}
	for _, t := range rep.Targets {
		doc.Targets = append(doc.Targets, buildTarget(t))
	}
	return doc
}

// WriteJSON writes the report as one indented JSON document, made inert
// for terminals by SafeJSON.
func WriteJSON(w io.Writer, rep *probes.Report, d verdict.Decision, version string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(Build(rep, d, version)); err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	if _, err := w.Write(SafeJSON(buf.Bytes())); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func buildTarget(t *probes.TargetReport) Target {
	out := Target{
		Host: t.Target.Host, Port: t.Target.Port,
		Code: int(t.Code()), Codes: []int{}, Chain: []ChainCert{}, Findings: []Finding{},
		DurationMS: t.Duration.Milliseconds(),
	}
	for _, c := range t.Codes() {
		out.Codes = append(out.Codes, int(c))
	}
	if t.Interceptor != nil {
		p, k := t.Interceptor.Product, t.Interceptor.Kind
		out.Interceptor = &p
		if k != "" {
			out.InterceptorKind = &k
		}
	}
	if t.TLS != nil {
		out.Address, out.HandshakeMS = t.TLS.Addr, new(t.TLS.Duration.Milliseconds())
		if t.TLS.Version != 0 {
			out.TLSVersion = tlsprobe.VersionName(t.TLS.Version)
		}
		out.CipherSuite = tlsprobe.SuiteName(t.TLS.CipherSuite)
		for _, c := range t.TLS.Chain {
			out.Chain = append(out.Chain, chainCert(c))
		}
		if t.TLS.Err != nil && len(t.TLS.Chain) == 0 {
			e := t.TLS.Err.Error()
			out.Error = &e
		}
	}
	nt, notTested := t.NotTested()
	out.Tested = !notTested
	if notTested {
		// Why, in words a person understands.
		e := FindingText(content.EN, nt)
		out.Error = &e
	}
	for _, f := range t.Findings {
		out.Findings = append(out.Findings, buildFinding(f))
		out.ClockCaused = out.ClockCaused || f.ClockCaused
	}
	if t.Revocation != nil {
		out.Revocation = t.Revocation
	}
	if t.CT != nil {
		out.CT = t.CT
	}
	return out
}

func chainCert(c *x509.Certificate) ChainCert {
	sum := sha256.Sum256(c.Raw)
	names := c.DNSNames
	if names == nil {
		names = []string{}
	}
	return ChainCert{
		Subject:   c.Subject.String(),
		Issuer:    c.Issuer.String(),
		Serial:    hex.EncodeToString(c.SerialNumber.Bytes()),
		NotBefore: c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:  c.NotAfter.UTC().Format(time.RFC3339),
		SHA256:    hex.EncodeToString(sum[:]),
		DNSNames:  names,
	}
}

func buildFinding(f findings.Finding) Finding {
	ev := make(map[string]string, len(f.Evidence))
	for _, e := range f.Evidence {
		if e.Label == "stack" {
			continue
		}
		ev[e.Label] = e.Value
	}
	return Finding{
		ID: f.ID, Code: int(f.Code), Severity: f.Severity.String(), Summary: f.Summary,
		CertIndex: f.CertIndex, ClockCaused: f.ClockCaused, Evidence: ev,
	}
}

func buildClock(rep *probes.Report) Clock {
	c := Clock{Source: "none", Verdict: "unknown", Servers: []ClockServer{}}
	r := rep.Clock
	if r == nil {
		return c
	}
	c.Source, c.Verdict = r.Source, r.Verdict
	if r.Source == "ntp" || r.Source == "https-date" {
		c.OffsetSeconds = seconds(r.Offset)
	}
	if c.Source == "build-time" {
		// The JSON contract knows ntp, https-date and none: a build-time
		// bound is not a measured offset.
		c.Source = "none"
	}
	for _, s := range r.Servers {
		cs := ClockServer{Server: s.Server}
		if s.Err != "" {
			e := s.Err
			cs.Error = &e
		} else {
			cs.OffsetSeconds = seconds(s.Offset)
			ms := float64(s.RTT) / float64(time.Millisecond)
			cs.RTTMS = &ms
			if s.Rejected != "" {
				why := s.Rejected
				cs.Rejected = &why
			}
		}
		c.Servers = append(c.Servers, cs)
	}
	return c
}

func seconds(d time.Duration) *float64 {
	v := d.Seconds()
	return &v
}

func buildNetwork(rep *probes.Report) Network {
	n := Network{CaptivePortal: rep.CaptivePortal(), SuggestedType: rep.SuggestedNetwork, Reasons: []string{}}
	if n.SuggestedType == "" {
		n.SuggestedType = "unknown"
	}
	for _, r := range rep.NetworkReasons {
		n.Reasons = append(n.Reasons, ReasonText(content.EN, r))
	}
	if rep.Captive != nil && rep.Captive.LandingURL != "" {
		u := rep.Captive.LandingURL
		n.LandingURL = &u
	}
	if rep.Proxy != "" {
		p := rep.Proxy
		n.Proxy = &p
	}
	if rep.Network != nil {
		n.VPN = rep.Network.VPN
		n.DNS = rep.Network.DNS
		n.Ports = rep.Network.Ports
		n.SystemNTP = rep.Network.SystemNTP
	}
	return n
}
