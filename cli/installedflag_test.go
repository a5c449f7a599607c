package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// --installed-roots lands in the config; a file without certificates is
// a usage error.
func TestInstalledRootsFlag(t *testing.T) {
	lab := tlslab.New(t)
	p := filepath.Join(t.TempDir(), "installed.pem")
	if err := os.WriteFile(p, append(lab.Root.PEM(), lab.Untrusted.PEM()...), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := engineConfig(context.Background(), checkFlags{timeout: time.Second, installed: p}, nil, func(string) string { return "" })
	if err != nil || len(cfg.InstalledRoots) != 2 || cfg.Roots != nil {
		t.Fatalf("config %+v, err %v", cfg, err)
	}
	for _, bad := range []string{writeFile(t, "not a certificate"), filepath.Join(t.TempDir(), "missing.pem")} {
		if _, _, err := engineConfig(context.Background(), checkFlags{timeout: time.Second, installed: bad}, nil, func(string) string { return "" }); statusOf(err) != ExitUnknown {
			t.Errorf("%s: err = %v, want a usage error", bad, err)
		}
	}
}
