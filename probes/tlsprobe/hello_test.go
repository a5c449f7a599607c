package tlsprobe

import (
	"bytes"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"testing"
)

// serverFlight builds a server's first flight as records: ServerHello
// (version, suite), Certificate (certs), ServerKeyExchange (ske, if any),
// ServerHelloDone; split every handshake byte stream into records of at
// most recSize bytes.
func serverFlight(version, suite uint16, certs [][]byte, ske []byte, recSize int) []byte {
	hs := func(typ byte, body []byte) []byte {
		return append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
	}
	sh := binary.BigEndian.AppendUint16(nil, version)
	sh = append(sh, make([]byte, 32)...)
	sh = append(sh, 0)
	sh = binary.BigEndian.AppendUint16(sh, suite)
	sh = append(sh, 0)
	var list []byte
	for _, c := range certs {
		list = append(list, byte(len(c)>>16), byte(len(c)>>8), byte(len(c)))
		list = append(list, c...)
	}
	cm := append([]byte{byte(len(list) >> 16), byte(len(list) >> 8), byte(len(list))}, list...)
	stream := append(hs(2, sh), hs(11, cm)...)
	if ske != nil {
		stream = append(stream, hs(12, ske)...)
	}
	stream = append(stream, hs(14, nil)...)
	var out []byte
	for len(stream) > 0 {
		n := min(recSize, len(stream))
		out = append(out, 22, 3, 3, byte(n>>8), byte(n))
		out = append(out, stream[:n]...)
		stream = stream[n:]
	}
	return out
}

func TestParseServerFlight(t *testing.T) {
	t.Parallel()
	p := bytes.Repeat([]byte{0xff}, 128) // a 1024-bit prime's size
	ske := append(binary.BigEndian.AppendUint16(nil, uint16(len(p))), p...)
	ske = append(ske, 0, 1, 2, 0, 1, 5)
	certs := [][]byte{bytes.Repeat([]byte{1}, 700), bytes.Repeat([]byte{2}, 300)}
	for _, rec := range []int{16384, 100, 7} {
		h, err := parseServerFlight(bytes.NewReader(serverFlight(tls.VersionTLS12, 0x009E, certs, ske, rec)))
		if err != nil || !h.Done {
			t.Fatalf("record size %d: %v", rec, err)
		}
		if h.Version != tls.VersionTLS12 || SuiteName(h.Suite) != "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" || h.DHBits != 1024 || len(h.Certs) != 2 || len(h.Certs[1]) != 300 {
			t.Fatalf("record size %d: %+v", rec, h)
		}
	}
	ecdhe := []byte{3, 0, 23, 65}
	h, err := parseServerFlight(bytes.NewReader(serverFlight(tls.VersionTLS10, 0xC012, nil, ecdhe, 50)))
	if err != nil || h.Curve != 23 || h.DHBits != 0 || h.Version != tls.VersionTLS10 {
		t.Fatalf("ECDHE: %+v %v", h, err)
	}
	// An alert instead of a ServerHello.
	if _, err := parseServerFlight(bytes.NewReader([]byte{21, 3, 3, 0, 2, 2, 40})); !errors.As(err, new(alertError)) {
		t.Fatalf("alert: %v", err)
	}
	// Truncated after the ServerHello: a partial result with the error.
	full := serverFlight(tls.VersionTLS12, 0x000A, certs, nil, 42) // the ServerHello fills the first record
	h, err = parseServerFlight(bytes.NewReader(full[:60]))
	if err == nil || h == nil || SuiteName(h.Suite) != "TLS_RSA_WITH_3DES_EDE_CBC_SHA" {
		t.Fatalf("truncated: %+v %v", h, err)
	}
	// A version nobody offered is refused.
	if _, err := parseServerFlight(bytes.NewReader(serverFlight(0x0304, 0x1301, nil, nil, 100))); err == nil {
		t.Fatal("TLS 1.3 in a TLS 1.2 ServerHello accepted")
	}
	// An oversized record header is refused without reading it.
	if _, err := parseServerFlight(bytes.NewReader([]byte{22, 3, 3, 0xff, 0xff})); err == nil {
		t.Fatal("oversized record accepted")
	}
}

func TestClientHelloIsWellFormed(t *testing.T) {
	t.Parallel()
	for _, host := range []string{"zoom.test", "127.0.0.1", ""} {
		rec := clientHello(host, offeredSuites())
		if rec[0] != 22 || int(binary.BigEndian.Uint16(rec[3:])) != len(rec)-5 {
			t.Fatalf("%q: bad record header % x", host, rec[:5])
		}
		msg := rec[5:]
		if msg[0] != 1 || int(msg[1])<<16|int(msg[2])<<8|int(msg[3]) != len(msg)-4 {
			t.Fatalf("%q: bad handshake header", host)
		}
		if got := bytes.Contains(rec, []byte("zoom.test")); got != (host == "zoom.test") {
			t.Fatalf("%q: SNI present = %v", host, got)
		}
	}
	suites := offeredSuites()
	seen := map[uint16]bool{}
	for _, s := range suites {
		if seen[s] || s>>8 == 0x13 {
			t.Fatalf("suite 0x%04x offered twice or is TLS 1.3", s)
		}
		seen[s] = true
	}
	for _, must := range []uint16{0x0005, 0x000A, 0x003B, 0x009E, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256} {
		if !seen[must] {
			t.Fatalf("suite %s not offered", SuiteName(must))
		}
	}
}

func FuzzParseServerFlight(f *testing.F) {
	f.Add(serverFlight(tls.VersionTLS12, 0x009E, [][]byte{{1, 2, 3}}, []byte{0, 2, 0xff, 0xff}, 9))
	f.Add(serverFlight(tls.VersionTLS11, 0x0005, nil, nil, 16384))
	f.Add([]byte{21, 3, 3, 0, 2, 2, 40})
	f.Fuzz(func(t *testing.T, data []byte) {
		h, _ := parseServerFlight(bytes.NewReader(data))
		if h != nil && len(h.Certs) > maxRawCerts {
			t.Fatalf("%d certificates kept", len(h.Certs))
		}
		if h != nil && h.DHBits > 8*maxFlight {
			t.Fatalf("DH bits %d beyond the flight bound", h.DHBits)
		}
	})
}
