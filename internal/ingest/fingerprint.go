package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-dev/chronicle"
)

// Fingerprint sets a.Hash, the hex SHA-256 of the text with every
// whitespace run collapsed to one space and the ends trimmed, and
// a.Sketch, a 64-bit SimHash over the text's word 3-shingles.
func Fingerprint(a *chronicle.Article) {
	a.Hash = TextHash(a.Text)
	a.Sketch = SimHash(a.Text)
}

// TextHash is the hex SHA-256 of s with whitespace runs collapsed to one
// space and leading and trailing whitespace removed.
func TextHash(s string) string {
	h := sha256.New()
	var buf [4096]byte
	n := 0
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = n > 0 || space
			continue
		}
		if space {
			if n == len(buf) {
				h.Write(buf[:n])
				n = 0
			}
			buf[n] = ' '
			n++
			space = false
		}
		if n+utf8.UTFMax > len(buf) {
			h.Write(buf[:n])
			n = 0
		}
		n += utf8.EncodeRune(buf[n:], r)
	}
	h.Write(buf[:n])
	return hex.EncodeToString(h.Sum(nil))
}

// SimHash returns a 64-bit similarity sketch of s: each bit is the
// majority vote of that bit over the hashes of every three consecutive
// words (letters and digits, lower-cased). Texts that differ by a few
// words differ in few bits. Texts under three words hash their words.
func SimHash(s string) uint64 {
	var (
		votes [64]int32
		ring  [3]uint64 // hashes of the last three words
		words int
		w     uint64 = fnvOffset
		inW   bool
	)
	add := func(h uint64) {
		h = mix(h)
		for i := range 64 {
			if h&(1<<i) != 0 {
				votes[i]++
			} else {
				votes[i]--
			}
		}
	}
	end := func() {
		ring[words%3] = w
		words++
		if words >= 3 {
			// Order matters: combine oldest to newest.
			a, b, c := ring[(words-3)%3], ring[(words-2)%3], ring[(words-1)%3]
			add(a*0x9E3779B97F4A7C15 ^ bits.RotateLeft64(b, 21) ^ bits.RotateLeft64(c, 42))
		}
		w, inW = fnvOffset, false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for r > 0 {
				w ^= uint64(r & 0xff)
				w *= fnvPrime
				r >>= 8
			}
			inW = true
		} else if inW {
			end()
		}
	}
	if inW {
		end()
	}
	if words < 3 {
		for i := range words {
			add(ring[i])
		}
	}
	var out uint64
	for i, v := range votes {
		if v > 0 {
			out |= 1 << i
		}
	}
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: it spreads every input bit over the
// output so the SimHash bits vote independently.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Distance is the number of bits two sketches differ in.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
