package report_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// check validates one JSON value; it returns a description of what is
// wrong, or "".
type check func(v any) string

// field is one row of the contract: a key and the check its value must pass.
type field struct {
	key  string
	want check
}

var (
	isString  = typed("string", func(v any) bool { _, ok := v.(string); return ok })
	isBool    = typed("bool", func(v any) bool { _, ok := v.(bool); return ok })
	isNumber  = typed("number", func(v any) bool { _, ok := v.(float64); return ok })
	isInt     = typed("integer", func(v any) bool { f, ok := v.(float64); return ok && f == math.Trunc(f) })
	isRFC3339 = typed("RFC 3339 time", func(v any) bool {
		s, ok := v.(string)
		_, err := time.Parse(time.RFC3339, s)
		return ok && err == nil
	})
	isHex   = matches(`^[0-9a-f]+$`)
	isHex64 = matches(`^[0-9a-f]{64}$`)
)

func typed(name string, ok func(any) bool) check {
	return func(v any) string {
		if ok(v) {
			return ""
		}
		return fmt.Sprintf("want %s, got %T %v", name, v, v)
	}
}

func matches(re string) check {
	r := regexp.MustCompile(re)
	return func(v any) string {
		if s, ok := v.(string); ok && r.MatchString(s) {
			return ""
		}
		return fmt.Sprintf("want a string matching %s, got %v", re, v)
	}
}

func orNull(c check) check {
	return func(v any) string {
		if v == nil {
			return ""
		}
		return c(v)
	}
}

func oneOf(vals ...string) check {
	return func(v any) string {
		for _, s := range vals {
			if v == s {
				return ""
			}
		}
		return fmt.Sprintf("want one of %v, got %v", vals, v)
	}
}

func arrayOf(c check) check {
	return func(v any) string {
		a, ok := v.([]any)
		if !ok {
			return fmt.Sprintf("want an array, got %T", v)
		}
		for i, e := range a {
			if msg := c(e); msg != "" {
				return fmt.Sprintf("[%d]: %s", i, msg)
			}
		}
		return ""
	}
}

func object(fields ...field) check {
	return func(v any) string {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Sprintf("want an object, got %T", v)
		}
		for _, f := range fields {
			val, present := m[f.key]
			if !present {
				return fmt.Sprintf("%s: missing", f.key)
			}
			if msg := f.want(val); msg != "" {
				return fmt.Sprintf("%s: %s", f.key, msg)
			}
		}
		return ""
	}
}

// contract is the certwiz.report/v1 document as the README documents it:
// every listed field must be present with this type (more may follow).
var contract = object(
	field{"schema", oneOf("certwiz.report/v1")},
	field{"code", isInt},
	field{"status", oneOf("OK", "WARNING", "CRITICAL", "UNKNOWN")},
	field{"exit_status", isInt},
	field{"interrupted", isBool},
	field{"generated_at", isRFC3339},
	field{"duration_ms", isInt},
	field{"certwiz_version", isString},
	field{"cause", oneOf("portal", "clock", "interception-office", "interception-home", "code", "none")},
	field{"targets", arrayOf(object(
		field{"host", isString},
		field{"port", isInt},
		field{"code", isInt},
		field{"codes", arrayOf(isInt)},
		field{"interceptor", orNull(isString)},
		field{"chain", arrayOf(object(
			field{"subject", isString},
			field{"issuer", isString},
			field{"serial", isHex},
			field{"not_before", isRFC3339},
			field{"not_after", isRFC3339},
			field{"sha256", isHex64},
			field{"dns_names", arrayOf(isString)},
		))},
		field{"error", orNull(isString)},
	))},
	field{"clock", object(
		field{"offset_seconds", orNull(isNumber)},
		field{"source", oneOf("ntp", "https-date", "none")},
		field{"servers", arrayOf(object(field{"server", isString}))},
		field{"verdict", oneOf("ok", "ahead", "behind", "unknown")},
	)},
	field{"network", object(
		field{"captive_portal", orNull(isBool)},
		field{"proxy", orNull(isString)},
	)},
)

// TestJSONContract checks a real run's document against the contract and
// its values against what the servers presented.
func TestJSONContract(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.Timeout = 2 * time.Second
	valid := lab.Serve(t, tlslab.Valid)
	unknown := lab.Serve(t, tlslab.UnknownCA)
	hole := lab.Serve(t, tlslab.Blackhole)
	for _, s := range []*tlslab.Server{unknown, hole, valid} {
		loopback.AddTarget(&cfg, s)
	}
	doc, _ := jsonDoc(t, loopback.Run(t, cfg, nil))
	if msg := contract(doc); msg != "" {
		t.Fatalf("contract broken: %s", msg)
	}

	targets := doc["targets"].([]any)
	want := []struct {
		srv   *tlslab.Server
		code  float64
		error bool
	}{{unknown, 6, false}, {hole, 0, true}, {valid, 0, false}}
	if len(targets) != len(want) {
		t.Fatalf("%d targets, want %d", len(targets), len(want))
	}
	for i, w := range want {
		tg := targets[i].(map[string]any)
		if tg["host"] != w.srv.Host || tg["port"] != float64(w.srv.Port) {
			t.Errorf("target %d is %v:%v, want %s (argument order)", i, tg["host"], tg["port"], w.srv.HostPort())
		}
		if tg["code"] != w.code || (tg["error"] != nil) != w.error {
			t.Errorf("target %d: code %v error %v", i, tg["code"], tg["error"])
		}
		chain := tg["chain"].([]any)
		if len(chain) != len(w.srv.Chain) {
			t.Errorf("target %d: %d chain entries, server presents %d", i, len(chain), len(w.srv.Chain))
			continue
		}
		for j, c := range w.srv.Chain {
			got := chain[j].(map[string]any)
			sum := sha256.Sum256(c.Raw)
			if got["sha256"] != hex.EncodeToString(sum[:]) || got["serial"] != hex.EncodeToString(c.SerialNumber.Bytes()) {
				t.Errorf("target %d cert %d: sha256 %v serial %v", i, j, got["sha256"], got["serial"])
			}
			if got["not_after"] != c.NotAfter.UTC().Format(time.RFC3339) {
				t.Errorf("target %d cert %d: not_after %v", i, j, got["not_after"])
			}
		}
	}
	if hole := targets[1].(map[string]any); len(hole["codes"].([]any)) != 0 || hole["tested"] != false {
		t.Errorf("blackhole (never reached) codes %v tested %v, want none and not tested", hole["codes"], hole["tested"])
	}
	if doc["code"] != 6.0 || doc["status"] != "CRITICAL" {
		t.Errorf("code %v status %v", doc["code"], doc["status"])
	}
	if nw := doc["network"].(map[string]any); nw["captive_portal"] != false || nw["proxy"] != nil {
		t.Errorf("network %v", nw)
	}
}

// TestJSONContractRejects proves the contract table can fail.
func TestJSONContractRejects(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.SkipClock = true
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.Valid))
	for name, mutate := range map[string]func(map[string]any){
		"schema":       func(d map[string]any) { d["schema"] = "certwiz.report/v2" },
		"serial float": func(d map[string]any) { chain0(d)["serial"] = 1.5e30 },
		"missing host": func(d map[string]any) { delete(d["targets"].([]any)[0].(map[string]any), "host") },
		"source":       func(d map[string]any) { d["clock"].(map[string]any)["source"] = "build-time" },
		"portal":       func(d map[string]any) { d["network"].(map[string]any)["captive_portal"] = "no" },
	} {
		doc, _ := jsonDoc(t, loopback.Run(t, cfg, nil))
		mutate(doc)
		if contract(doc) == "" {
			t.Errorf("%s: a broken document passed the contract", name)
		}
	}
}

func chain0(d map[string]any) map[string]any {
	return d["targets"].([]any)[0].(map[string]any)["chain"].([]any)[0].(map[string]any)
}
