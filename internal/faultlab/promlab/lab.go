package promlab

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

// Binaries as Debian installs them (packages prometheus-node-exporter
// and prometheus).
const (
	NodeExporterBinary = "prometheus-node-exporter"
	PrometheusBinary   = "prometheus"
)

// NodeExporter is a running node exporter serving a textfile directory.
type NodeExporter struct {
	// Addr is its loopback listen address; metrics are at /metrics.
	Addr string
	p    *process
}

// Log returns what the exporter printed.
func (n *NodeExporter) Log() string { return n.p.Log() }

// StartNodeExporter starts Debian's node exporter with only the textfile
// collector, reading *.prom files in dir, on a free loopback port.
func StartNodeExporter(tb testing.TB, dir string) *NodeExporter {
	tb.Helper()
	bin := faultlab.Tool(tb, NodeExporterBinary, "prometheus-node-exporter")
	addr, err := freeAddr(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	p := start(tb, "node exporter", bin,
		"--web.listen-address="+addr,
		"--collector.disable-defaults", "--collector.textfile",
		"--collector.textfile.directory="+dir)
	p.waitHTTP(tb, "http://"+addr+"/metrics")
	return &NodeExporter{Addr: addr, p: p}
}

// Prometheus is a running Prometheus server with temporary storage.
type Prometheus struct {
	// URL is its base URL (http://127.0.0.1:PORT).
	URL string
	p   *process
}

// Log returns what Prometheus printed.
func (s *Prometheus) Log() string { return s.p.Log() }

// StartPrometheus starts Debian's Prometheus on a free loopback port,
// with storage in a temporary directory, scraping targets (host:port)
// every second as job "certwiz".
func StartPrometheus(tb testing.TB, targets ...string) *Prometheus {
	tb.Helper()
	bin := faultlab.Tool(tb, PrometheusBinary, "prometheus")
	addr, err := freeAddr(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	quoted, _ := json.Marshal(targets) // a YAML flow sequence
	conf := "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n" +
		"scrape_configs:\n  - job_name: certwiz\n    static_configs:\n      - targets: " + string(quoted) + "\n"
	confPath := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	p := start(tb, "prometheus", bin,
		"--config.file="+confPath,
		"--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+addr)
	p.waitHTTP(tb, "http://"+addr+"/-/ready")
	return &Prometheus{URL: "http://" + addr, p: p}
}

// Sample is one series of an instant query's answer.
type Sample struct {
	Labels map[string]string
	Value  float64
}

// Query runs an instant PromQL query through the HTTP API.
func (s *Prometheus) Query(ctx context.Context, expr string) ([]Sample, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/api/v1/query?query="+url.QueryEscape(expr), nil)
	if err != nil {
		return nil, fmt.Errorf("query %q: %w", expr, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("query %q: %w", expr, err)
	}
	defer resp.Body.Close() //nolint:errcheck // read-only
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, fmt.Errorf("query %q: read: %w", expr, err)
	}
	var ans struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string `json:"resultType"`
			Result     []struct {
				Metric map[string]string `json:"metric"`
				Value  [2]any            `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return nil, fmt.Errorf("query %q: decode %q: %w", expr, body, err)
	}
	if ans.Status != "success" || ans.Data.ResultType != "vector" {
		return nil, fmt.Errorf("query %q: status %q (%s), result type %q", expr, ans.Status, ans.Error, ans.Data.ResultType)
	}
	out := make([]Sample, 0, len(ans.Data.Result))
	for _, r := range ans.Data.Result {
		str, _ := r.Value[1].(string)
		v, err := strconv.ParseFloat(str, 64)
		if err != nil {
			return nil, fmt.Errorf("query %q: value %v: %w", expr, r.Value[1], err)
		}
		out = append(out, Sample{Labels: r.Metric, Value: v})
	}
	return out, nil
}
