package ocsplab

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/faketime"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

// ResponderConfig describes an OpenSSL OCSP responder.
type ResponderConfig struct {
	// CA issued the certificates the responder answers for.
	CA *pki.Cert
	// Signer signs the responses; nil means CA itself. Use a certificate
	// from an unrelated CA for the "bad signer" case.
	Signer *pki.Cert
	// Entries is the responder's index.
	Entries []Entry
	// Validity sets nextUpdate = thisUpdate + Validity (whole minutes);
	// zero means one day.
	Validity time.Duration
	// ClockOffset runs OpenSSL under faketime shifted by this much, so its
	// thisUpdate lies in the past (negative) or the future (positive).
	ClockOffset time.Duration
	// NoCerts leaves the signer certificate out of responses.
	NoCerts bool
}

// Responder is a running OpenSSL OCSP responder reached through a
// loopback relay.
type Responder struct {
	// URL is the relay's address on 127.0.0.1: the responder URL to put
	// in certificates.
	URL   string
	relay *Relay
}

// Requests returns how many requests reached the responder.
func (r *Responder) Requests() int { return r.relay.Requests() }

// Methods returns the HTTP methods of the requests, in order.
func (r *Responder) Methods() []string { return r.relay.Methods() }

var acceptLine = regexp.MustCompile(`ACCEPT .*:(\d+)`)

// StartResponder starts `openssl ocsp` for cfg and a relay in front of it.
// Both stop when the test ends.
func StartResponder(tb testing.TB, cfg ResponderConfig) *Responder {
	tb.Helper()
	openssl := RequireBinary(tb, "openssl")
	dir := tb.TempDir()
	signer := cfg.Signer
	if signer == nil {
		signer = cfg.CA
	}
	keyPEM, err := signer.KeyPEM()
	if err != nil {
		tb.Fatalf("ocsplab: %v", err)
	}
	var index strings.Builder
	for _, e := range cfg.Entries {
		index.WriteString(indexLine(e))
	}
	files := map[string][]byte{
		"ca.pem": cfg.CA.PEM(), "signer.pem": signer.PEM(), "signer.key": keyPEM,
		"index.txt": []byte(index.String()), "index.txt.attr": []byte("unique_subject = no\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			tb.Fatalf("ocsplab: write %s: %v", name, err)
		}
	}
	minutes := int(cfg.Validity / time.Minute)
	if minutes <= 0 {
		minutes = 24 * 60
	}
	args := []string{"ocsp", "-index", filepath.Join(dir, "index.txt"), "-port", "0",
		"-CA", filepath.Join(dir, "ca.pem"), "-rsigner", filepath.Join(dir, "signer.pem"),
		"-rkey", filepath.Join(dir, "signer.key"), "-nmin", strconv.Itoa(minutes)}
	if cfg.NoCerts {
		args = append(args, "-resp_no_certs")
	}
	cmd := exec.Command(openssl, args...)
	cmd.Dir = dir
	if cfg.ClockOffset != 0 {
		lib, err := faketime.Library()
		if err != nil {
			faultlab.Missing(tb, "ocsplab: "+err.Error())
			return nil
		}
		cmd.Env = faketime.Env(lib, cfg.ClockOffset)
	}
	ownGroup(cmd)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatalf("ocsplab: %v", err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		tb.Fatalf("ocsplab: start openssl ocsp: %v", err)
	}
	tb.Cleanup(func() { stop(cmd) })
	port := make(chan string, 1)
	var early strings.Builder // what openssl said before it listened, for the failure message
	go func() {
		sc := bufio.NewScanner(stdout)
		sent := false
		for sc.Scan() { // keep draining so openssl never blocks on a full pipe
			if m := acceptLine.FindStringSubmatch(sc.Text()); m != nil && !sent {
				port <- m[1]
				sent = true
			} else if !sent && early.Len() < 4096 {
				early.WriteString(sc.Text() + "\n")
			}
		}
		if !sent {
			close(port)
		}
	}()
	var p string
	select {
	case v, ok := <-port:
		if !ok {
			err := cmd.Wait()
			tb.Fatalf("ocsplab: openssl ocsp exited before listening (%v):\n%s", err, early.String())
		}
		p = v
	case <-time.After(10 * time.Second):
		tb.Fatal("ocsplab: openssl ocsp did not report its port")
	}
	relay := StartRelay(tb, "127.0.0.1:"+p)
	return &Responder{URL: relay.URL, relay: relay}
}
