package deploy_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/cli"
	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// runShipped runs a shipped certwiz command line (the arguments after the
// program) with its --output redirected to a temporary file and the lab's
// flags appended, and returns what it wrote. It fails t unless the
// command writes a metrics file promtool accepts.
func runShipped(t *testing.T, args []string) string {
	t.Helper()
	if len(args) == 0 || args[0] != "check" {
		t.Fatalf("shipped command is not `certwiz check`: %q", args)
	}
	out := filepath.Join(t.TempDir(), "certwiz.prom")
	args = append([]string(nil), args...)
	found := false
	for i := range args {
		if args[i] == "--output" && i+1 < len(args) {
			if !strings.HasSuffix(args[i+1], ".prom") {
				t.Errorf("--output %q: textfile collectors only read *.prom", args[i+1])
			}
			args[i+1], found = out, true
		}
	}
	if !found {
		t.Fatalf("shipped command has no --output: %q", args)
	}
	lab := tlslab.New(t)
	srv := lab.Serve(t, tlslab.Valid)
	roots := filepath.Join(t.TempDir(), "roots.pem")
	if err := lab.WriteRootPEM(roots); err != nil {
		t.Fatal(err)
	}
	args = append(args, "--roots", roots, "--skip", "clock,captive", "--timeout", "5s",
		"--resolve", fmt.Sprintf("%s:%d:127.0.0.1", srv.Host, srv.Port), srv.HostPort())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	status := cli.Main(ctx, args, cli.IO{In: bytes.NewReader(nil), Out: &stdout, Err: &stderr,
		Getenv: func(string) string { return "" }})
	if status > 2 || stdout.Len() != 0 || stderr.Len() != 0 {
		t.Fatalf("status %d, stdout %q, stderr %q", status, stdout.String(), stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the shipped command wrote no file: %v", err)
	}
	promtool := faultlab.Tool(t, "promtool", "prometheus")
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = bytes.NewReader(data)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s", err, msg)
	}
	return string(data)
}

// unitValue returns the first KEY=value of a systemd unit file.
func unitValue(t *testing.T, unit, key string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + key + `=(.*)$`).FindStringSubmatch(unit)
	if m == nil {
		t.Fatalf("no %s= in unit", key)
	}
	return m[1]
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestSystemdUnits: systemd-analyze verify accepts the service and the
// timer without a warning, and the service's command works.
func TestSystemdUnits(t *testing.T) {
	t.Parallel()
	service := read(t, "systemd/certwiz-metrics.service")
	timer := read(t, "systemd/certwiz-metrics.timer")
	execStart := unitValue(t, service, "ExecStart")
	fields := strings.Fields(execStart)
	if fields[0] != "/usr/bin/certwiz" {
		t.Errorf("ExecStart runs %q", fields[0])
	}
	if !strings.Contains(execStart, "--format prometheus") {
		t.Errorf("ExecStart does not ask for prometheus: %q", execStart)
	}
	if d := unitValue(t, timer, "OnUnitActiveSec"); d != "5min" {
		t.Errorf("timer interval %q, want 5min (the alert fires after an hour)", d)
	}
	runShipped(t, fields[1:])

	analyze := faultlab.Tool(t, "systemd-analyze", "systemd")
	dir := t.TempDir()
	// verify insists the program exists: point it at this test binary.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "certwiz-metrics.service"),
		[]byte(strings.Replace(service, "/usr/bin/certwiz", self, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "certwiz-metrics.timer"), []byte(timer), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(analyze, "verify", "certwiz-metrics.service", "certwiz-metrics.timer")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) != 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// xmlTree is a generic XML element.
type xmlTree struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []xmlTree  `xml:",any"`
}

func parseXML(t *testing.T, path string) xmlTree {
	t.Helper()
	var root xmlTree
	d := xml.NewDecoder(strings.NewReader(read(t, path)))
	d.Strict = true
	if err := d.Decode(&root); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", path, err)
	}
	return root
}

// find returns the first descendant element at the path of local names.
func (x xmlTree) find(path ...string) (xmlTree, bool) {
	if len(path) == 0 {
		return x, true
	}
	for _, c := range x.Children {
		if c.XMLName.Local == path[0] {
			if r, ok := c.find(path[1:]...); ok {
				return r, true
			}
		}
	}
	return xmlTree{}, false
}

// splitWindows splits a Windows command line's arguments (double quotes
// group; no escapes are used in the shipped file).
func splitWindows(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, started := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, started = !quoted, true
		case r == ' ' && !quoted:
			if started {
				out = append(out, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if started {
		out = append(out, cur.String())
	}
	return out
}

// TestWindowsTask: the Scheduled Task is well-formed Task Scheduler XML
// that runs certwiz every 5 minutes as NETWORK SERVICE into
// windows_exporter's textfile directory, and its arguments work.
func TestWindowsTask(t *testing.T) {
	t.Parallel()
	task := parseXML(t, "windows/certwiz-metrics.xml")
	if task.XMLName.Local != "Task" || task.XMLName.Space != "http://schemas.microsoft.com/windows/2004/02/mit/task" {
		t.Errorf("root element %v", task.XMLName)
	}
	want := map[string]string{
		"Triggers/TimeTrigger/Repetition/Interval": "PT5M",
		"Principals/Principal/UserId":              "S-1-5-20",
		"Principals/Principal/RunLevel":            "LeastPrivilege",
		"Settings/MultipleInstancesPolicy":         "IgnoreNew",
		"Settings/Enabled":                         "true",
		"Actions/Exec/Command":                     `C:\Program Files\certwiz\certwiz.exe`,
	}
	for path, v := range want {
		el, ok := task.find(strings.Split(path, "/")...)
		if !ok || strings.TrimSpace(el.Text) != v {
			t.Errorf("%s = %q, want %q", path, el.Text, v)
		}
	}
	argsEl, ok := task.find("Actions", "Exec", "Arguments")
	if !ok {
		t.Fatal("no Actions/Exec/Arguments")
	}
	args := splitWindows(strings.TrimSpace(argsEl.Text))
	if !strings.Contains(argsEl.Text, `windows_exporter\textfile_inputs\certwiz.prom`) {
		t.Errorf("the task does not write into windows_exporter's textfile directory: %q", argsEl.Text)
	}
	runShipped(t, args)
}

// TestLaunchdPlist: the launchd job is a well-formed property list that
// runs certwiz every 5 minutes, not as root, and its arguments work.
func TestLaunchdPlist(t *testing.T) {
	t.Parallel()
	plist := parseXML(t, "macos/org.certwiz.metrics.plist")
	dict, ok := plist.find("dict")
	if plist.XMLName.Local != "plist" || !ok {
		t.Fatalf("not a plist with a dict: %v", plist.XMLName)
	}
	// A plist dict alternates <key> and a value element.
	values := map[string]xmlTree{}
	for i := 0; i+1 < len(dict.Children); i += 2 {
		k := dict.Children[i]
		if k.XMLName.Local != "key" {
			t.Fatalf("dict entry %d is <%s>, want <key>", i, k.XMLName.Local)
		}
		values[k.Text] = dict.Children[i+1]
	}
	if len(dict.Children)%2 != 0 {
		t.Errorf("dict has an odd number of elements")
	}
	if v := values["Label"]; v.Text != "org.certwiz.metrics" {
		t.Errorf("Label %q", v.Text)
	}
	if v := values["StartInterval"]; v.XMLName.Local != "integer" || v.Text != "300" {
		t.Errorf("StartInterval <%s>%s, want <integer>300", v.XMLName.Local, v.Text)
	}
	if v := values["UserName"]; v.Text == "" || v.Text == "root" {
		t.Errorf("UserName %q: the job should not run as root", v.Text)
	}
	prog := values["ProgramArguments"]
	if prog.XMLName.Local != "array" {
		t.Fatalf("ProgramArguments is <%s>", prog.XMLName.Local)
	}
	var args []string
	for _, c := range prog.Children {
		if c.XMLName.Local != "string" {
			t.Fatalf("ProgramArguments holds <%s>", c.XMLName.Local)
		}
		args = append(args, c.Text)
	}
	if args[0] != "/usr/local/bin/certwiz" {
		t.Errorf("program %q", args[0])
	}
	runShipped(t, args[1:])
}

// TestPrometheusRules: promtool accepts the rules and their unit tests
// pass (each alert fires for the room with the problem, after its for:
// time, and not for the healthy room).
func TestPrometheusRules(t *testing.T) {
	t.Parallel()
	promtool := faultlab.Tool(t, "promtool", "prometheus")
	for _, args := range [][]string{
		{"check", "rules", "certwiz-rules.yml"},
		{"test", "rules", "certwiz-rules.test.yml"},
	} {
		cmd := exec.Command(promtool, args...)
		cmd.Dir = "prometheus"
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	rules := read(t, "prometheus/certwiz-rules.yml")
	for _, alert := range []string{"CertwizClockSkewed", "CertwizInterceptionAppeared", "CertwizCertificateFault",
		"CertwizCertificateExpiresSoon", "CertwizCheckNotRun"} {
		if !strings.Contains(rules, "alert: "+alert+"\n") {
			t.Errorf("no alert %s", alert)
		}
	}
}

// TestIcingaCheckCommand: the CheckCommand's braces balance, it asks for
// the nagios format, and every flag it passes is a flag of `certwiz check`.
func TestIcingaCheckCommand(t *testing.T) {
	t.Parallel()
	conf := read(t, "icinga2/certwiz.conf")
	body := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(conf, "")
	depth := 0
	for _, r := range body {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			t.Fatal("unbalanced braces")
		}
	}
	if depth != 0 {
		t.Fatal("unbalanced braces")
	}
	if !regexp.MustCompile(`command = \[ "/usr/bin/certwiz", "check" \]`).MatchString(body) ||
		!regexp.MustCompile(`"--format" = \{\s*value = "nagios"`).MatchString(body) {
		t.Errorf("the CheckCommand does not run `certwiz check --format nagios`")
	}
	var help bytes.Buffer
	cli.Main(context.Background(), []string{"check", "--help"}, cli.IO{In: bytes.NewReader(nil), Out: &help, Err: &help,
		Getenv: func(string) string { return "" }})
	flags := regexp.MustCompile(`"(--[a-z-]+)" = \{`).FindAllStringSubmatch(body, -1)
	if len(flags) < 3 {
		t.Fatalf("found only %d flags", len(flags))
	}
	for _, f := range flags {
		if !strings.Contains(help.String(), "  "+f[1]+" ") {
			t.Errorf("%s is not a flag of certwiz check", f[1])
		}
	}
}
