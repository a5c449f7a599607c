package proxylab

import "crypto/md5"

// md5Crypt returns the "$1$" MD5-crypt hash of password with salt (at
// most 8 characters from ./0-9A-Za-z), the format glibc's crypt(3) and so
// squid's basic_ncsa_auth accept in an htpasswd file.
func md5Crypt(password, salt string) string {
	const magic = "$1$"
	if len(salt) > 8 {
		salt = salt[:8]
	}
	pw := []byte(password)

	alt := md5.New()
	alt.Write(pw)
	alt.Write([]byte(salt))
	alt.Write(pw)
	altSum := alt.Sum(nil)

	h := md5.New()
	h.Write(pw)
	h.Write([]byte(magic))
	h.Write([]byte(salt))
	for n := len(pw); n > 0; n -= 16 {
		h.Write(altSum[:min(n, 16)])
	}
	for n := len(pw); n > 0; n >>= 1 {
		if n&1 != 0 {
			h.Write([]byte{0})
		} else {
			h.Write(pw[:1])
		}
	}
	sum := h.Sum(nil)

	for i := 0; i < 1000; i++ {
		r := md5.New()
		if i&1 != 0 {
			r.Write(pw)
		} else {
			r.Write(sum)
		}
		if i%3 != 0 {
			r.Write([]byte(salt))
		}
		if i%7 != 0 {
			r.Write(pw)
		}
		if i&1 != 0 {
			r.Write(sum)
		} else {
			r.Write(pw)
		}
		sum = r.Sum(nil)
	}

	const alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	out := make([]byte, 0, 22)
	put := func(v uint32, n int) {
		for ; n > 0; n-- {
			out = append(out, alphabet[v&0x3f])
			v >>= 6
		}
	}
	for _, g := range [][3]int{{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}} {
		put(uint32(sum[g[0]])<<16|uint32(sum[g[1]])<<8|uint32(sum[g[2]]), 4)
	}
	put(uint32(sum[11]), 2)
	return magic + salt + "$" + string(out)
}
