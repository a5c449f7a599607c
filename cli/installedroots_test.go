package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// A root given with --roots is public (CT applies: no SCTs is code 4); the
// same root given with --installed-roots is locally deployed: trusted,
// no CT requirement, reported as such. The JSON names the cipher suite.
func TestInstalledRootsAreNotPublic(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv := e.lab.Serve(t, tlslab.Valid) // no SCTs
	other := filepath.Join(t.TempDir(), "other.pem")
	if err := os.WriteFile(other, e.lab.Untrusted.PEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"check", "--json", "--ct-logs", e.ctLogs, "--ntp", e.ntp, "--captive-url", e.captive,
		"--skip", "network", "--timeout", "5s", "--resolve", fmt.Sprintf("%s:%d:127.0.0.1", srv.Host, srv.Port)}
	type target struct {
		Code        int    `json:"code"`
		CipherSuite string `json:"cipher_suite"`
		Findings    []struct {
			ID string `json:"id"`
		} `json:"findings"`
	}
	run := func(flags ...string) target {
		r := certwiz(ctxT(t), append(append(append([]string(nil), base...), flags...), srv.HostPort())...)
		var doc struct {
			Targets []target `json:"targets"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Targets) != 1 {
			t.Fatalf("JSON: %v\n%s\nexit %d", err, r.stdout, r.status)
		}
		return doc.Targets[0]
	}
	public := run("--roots", e.roots)
	if public.Code != 4 {
		t.Fatalf("--roots without SCTs: code %d, want 4 (%+v)", public.Code, public.Findings)
	}
	installed := run("--roots", other, "--installed-roots", e.roots)
	if installed.Code != 0 || installed.CipherSuite == "" {
		t.Fatalf("--installed-roots: %+v", installed)
	}
	found := false
	for _, f := range installed.Findings {
		found = found || f.ID == "interception.enterprise-root"
	}
	if !found {
		t.Fatalf("no locally deployed root finding: %+v", installed.Findings)
	}
}
