;; Local similarities of every compatible cylinder pair (MCC §4.1), WebAssembly with 128-bit SIMD:
;; the same loop as localSimilaritiesJs in local-similarity.ts, with |ca ∧ cb| counted by
;; i8x16.popcnt over the three 16-byte vectors of a cylinder (two popcounts after a carry-save
;; adder) instead of twelve 32-bit SWAR popcounts, two candidate cylinders a step (λ in f64x2).
;; Results are identical to the JavaScript loop to the last bit: the δθ test and λ are computed in
;; f64 from the same inputs (cos, sin and totals are widened to f64 exactly when copied in), and λ
;; is rounded half up as Math.round does.
;;
;; No int→float conversion, f32→f64 promotion or f64.ceil in the loop: V8 (Node 20) emits them as
;; instructions that merge into their destination register's old value, which chained the pairs
;; into one long dependency and cost ~20 ns a pair (measured: 20 µs against 7 µs a comparison).
;; Integers become doubles by the 2^52 trick instead (exact for 0 ≤ v < 2^51).
;;
;; Built into local-similarity-simd-bytes.ts by build-matcher-wasm.mjs (see there).
;;
;; Memory (fourteen 64 KiB pages; consolidation-wasm.wat imports it and uses what lies above 0x20000):
;; cylinders are 48 bytes (CYLINDER_WORDS = 12), up to 128 each side.
;;   0      A cells   128 × 48 = 6144
;;   6144   B cells   128 × 48
;;   12288  A cos f64 ×128   13312 A sin   14336 B cos   15360 B sin
;;   16384  A total f64 ×128 17408 B total
;;   18432  the comparable columns of a row, i32 ×128
;;   20480  out: packed u32 pairs, up to 128 × 128 (65536 bytes)
(module
  (memory (export "memory") 14)
  (func (export "similarities") (param $na i32) (param $nb i32) (param $minCos f64) (result i32)
    (local $i i32) (local $j i32) (local $found i32)
    (local $ci f64) (local $si f64) (local $ta f64) (local $hi i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128)
    (local $ci2 v128) (local $si2 v128) (local $minCos2 v128) (local $far2 v128) (local $y2 v128) (local $z2 v128) (local $u2 v128) (local $c0 v128) (local $c1 v128) (local $lv v128) (local $yv v128) (local $j1 i32) (local $bw1 i32) (local $bw i32) (local $k i32) (local $q i32) (local $x v128) (local $nab i32) (local $l f64) (local $y f64)
    (if (i32.eqz (local.get $na)) (then (return (i32.const 0))))
    (if (i32.eqz (local.get $nb)) (then (return (i32.const 0))))
    (local.set $minCos2 (f64x2.splat (local.get $minCos)))
    (loop $rows
      (local.set $ci (f64.load offset=12288 (i32.shl (local.get $i) (i32.const 3))))
      (local.set $si (f64.load offset=13312 (i32.shl (local.get $i) (i32.const 3))))
      (local.set $ta (f64.load offset=16384 (i32.shl (local.get $i) (i32.const 3))))
      (local.set $a0 (v128.load offset=0 (i32.mul (local.get $i) (i32.const 48))))
      (local.set $a1 (v128.load offset=16 (i32.mul (local.get $i) (i32.const 48))))
      (local.set $a2 (v128.load offset=32 (i32.mul (local.get $i) (i32.const 48))))
      (local.set $hi (i32.shl (local.get $i) (i32.const 7)))
      ;; δθ first, for the whole row: the comparable columns' indices are listed (at 18432) without
      ;; a branch, then only those are counted. Tested pair by pair, the test's branch mispredicted
      ;; about half of the time (a candidate's directions come in no order), ~15 cycles each.
      (local.set $k (i32.const 0))
      (local.set $j (i32.const 0))
      (local.set $ci2 (f64x2.splat (local.get $ci)))
      (local.set $si2 (f64x2.splat (local.get $si)))
      ;; Two columns at a time (f64x2: the same products and sum, lane by lane). A lane is all
      ;; ones where the cos of the direction difference is below cos δθ (not comparable): its
      ;; entry is written and k does not advance. Past the end (j + 1 = nb) the second lane reads
      ;; a stale entry and does not count.
      (loop $comparable
        (local.set $far2
          (f64x2.lt
            (f64x2.add
              (f64x2.mul (local.get $ci2) (v128.load offset=14336 (i32.shl (local.get $j) (i32.const 3))))
              (f64x2.mul (local.get $si2) (v128.load offset=15360 (i32.shl (local.get $j) (i32.const 3)))))
            (local.get $minCos2)))
        (i32.store offset=18432 (i32.shl (local.get $k) (i32.const 2)) (local.get $j))
        (local.set $k (i32.add (local.get $k) (i32.add (i32x4.extract_lane 0 (local.get $far2)) (i32.const 1))))
        (i32.store offset=18432 (i32.shl (local.get $k) (i32.const 2)) (i32.add (local.get $j) (i32.const 1)))
        (local.set $k (i32.add (local.get $k)
          (i32.and (i32.add (i32x4.extract_lane 2 (local.get $far2)) (i32.const 1))
                   (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $nb)))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br_if $comparable (i32.lt_u (local.get $j) (local.get $nb))))
      (local.set $q (i32.const 0))
      (block $rowDone
      (br_if $rowDone (i32.eqz (local.get $k)))
      ;; Two comparable columns a step (j, j1), λ in f64x2 (the same IEEE operations, lane by
      ;; lane). Past the end of the list (q + 1 = k) the second lane reads a stale entry (a column
      ;; index ≤ nb, in bounds): it is written and not counted.
      (loop $columns
        (local.set $j (i32.load offset=18432 (i32.shl (local.get $q) (i32.const 2))))
        (local.set $j1 (i32.load offset=18436 (i32.shl (local.get $q) (i32.const 2))))
        (local.set $bw (i32.add (i32.const 6144) (i32.mul (local.get $j) (i32.const 48))))
        (local.set $bw1 (i32.add (i32.const 6144) (i32.mul (local.get $j1) (i32.const 48))))
        ;; |ca ∧ cb| over the three vectors x, y, z (the 16-byte thirds of ca ∧ cb) with two
        ;; popcounts instead of three (a carry-save adder: per bit, x + y + z = ones + 2·twos), then
        ;; the bytes summed into 32-bit lanes (pmaddubsw, pmaddwd). Per byte at most 8 + 16 = 24.
        (local.set $x (v128.and (local.get $a0) (v128.load offset=0 (local.get $bw))))
        (local.set $y2 (v128.and (local.get $a1) (v128.load offset=16 (local.get $bw))))
        (local.set $z2 (v128.and (local.get $a2) (v128.load offset=32 (local.get $bw))))
        (local.set $u2 (v128.xor (local.get $x) (local.get $y2)))
        (local.set $x (i8x16.popcnt (v128.or (v128.and (local.get $x) (local.get $y2)) (v128.and (local.get $u2) (local.get $z2)))))
        (local.set $x
          (i8x16.add
            (i8x16.popcnt (v128.xor (local.get $u2) (local.get $z2)))
            (i8x16.add (local.get $x) (local.get $x))))
        (local.set $c0 (i32x4.dot_i16x8_s (i16x8.extadd_pairwise_i8x16_u (local.get $x)) (v128.const i16x8 1 1 1 1 1 1 1 1)))
        (local.set $x (v128.and (local.get $a0) (v128.load offset=0 (local.get $bw1))))
        (local.set $y2 (v128.and (local.get $a1) (v128.load offset=16 (local.get $bw1))))
        (local.set $z2 (v128.and (local.get $a2) (v128.load offset=32 (local.get $bw1))))
        (local.set $u2 (v128.xor (local.get $x) (local.get $y2)))
        (local.set $x (i8x16.popcnt (v128.or (v128.and (local.get $x) (local.get $y2)) (v128.and (local.get $u2) (local.get $z2)))))
        (local.set $x
          (i8x16.add
            (i8x16.popcnt (v128.xor (local.get $u2) (local.get $z2)))
            (i8x16.add (local.get $x) (local.get $x))))
        (local.set $c1 (i32x4.dot_i16x8_s (i16x8.extadd_pairwise_i8x16_u (local.get $x)) (v128.const i16x8 1 1 1 1 1 1 1 1)))
        ;; The two totals, in 32-bit lanes 0 (j) and 2 (j1).
        (local.set $x (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c0) (local.get $c1))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c0) (local.get $c1))))
        (local.set $x (i32x4.add (local.get $x) (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $x) (local.get $x))))
        ;; |ca ∧ cb| = 0 gives no entry: the entry is written and `found` does not advance (a
        ;; branch here mispredicted: about a third of the comparable pairs share no cell).
        ;; λ = 2|ca ∧ cb| / (|ca| + |cb|) · (2^18 − 1); 2|ca ∧ cb| as a double by the 2^52 trick
        ;; (the totals as 64-bit lanes, doubled, under the exponent of 2^52).
        (local.set $lv
          (f64x2.mul
            (f64x2.div
              (f64x2.sub
                (v128.or
                  (i64x2.shl (v128.and (local.get $x) (v128.const i32x4 -1 0 -1 0)) (i32.const 1))
                  (v128.const i64x2 0x4330000000000000 0x4330000000000000))
                (v128.const f64x2 0x1p52 0x1p52))
              (f64x2.add
                (f64x2.splat (local.get $ta))
                (f64x2.replace_lane 1
                  (f64x2.splat (f64.load offset=17408 (i32.shl (local.get $j) (i32.const 3))))
                  (f64.load offset=17408 (i32.shl (local.get $j1) (i32.const 3))))))
            (v128.const f64x2 262143 262143)))
        ;; Math.round(λ): y = λ + 2^52 holds round-half-even(λ) in its low bits; a tie went down
        ;; to even when λ − (y − 2^52) = 0.5, and Math.round takes it up (the lane mask is −1 in
        ;; its low 32 bits: subtracting it adds 1).
        (local.set $yv (f64x2.add (local.get $lv) (v128.const f64x2 0x1p52 0x1p52)))
        (local.set $yv (i32x4.sub (local.get $yv)
          (f64x2.eq (f64x2.sub (local.get $lv) (f64x2.sub (local.get $yv) (v128.const f64x2 0x1p52 0x1p52))) (v128.const f64x2 0.5 0.5))))
        (i32.store offset=20480
          (i32.shl (local.get $found) (i32.const 2))
          (i32.or (i32.or (i32.shl (i32x4.extract_lane 0 (local.get $yv)) (i32.const 14)) (local.get $hi)) (local.get $j)))
        (local.set $found (i32.add (local.get $found) (i32.ne (i32x4.extract_lane 0 (local.get $x)) (i32.const 0))))
        (i32.store offset=20480
          (i32.shl (local.get $found) (i32.const 2))
          (i32.or (i32.or (i32.shl (i32x4.extract_lane 2 (local.get $yv)) (i32.const 14)) (local.get $hi)) (local.get $j1)))
        (local.set $found (i32.add (local.get $found)
          (i32.and
            (i32.ne (i32x4.extract_lane 2 (local.get $x)) (i32.const 0))
            (i32.lt_u (i32.add (local.get $q) (i32.const 1)) (local.get $k)))))
        (local.set $q (i32.add (local.get $q) (i32.const 2)))
        (br_if $columns (i32.lt_u (local.get $q) (local.get $k)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $na))))
    (local.get $found)))
