;; MCC consolidation (consolidation.ts: pair selection, ρ, relaxation, the nP best pairs) in
;; WebAssembly. The same arithmetic as the JavaScript, operation for operation, so the same bits:
;; f64 throughout (WebAssembly has no fused multiply-add, neither has V8's JavaScript), Float32
;; quantities rounded by f32.demote_f64 where the JavaScript stores to a Float32Array or calls
;; Math.fround, Math.round by the 1.5·2^52 trick of round-half-up.ts, Math.sqrt as f64.sqrt (both
;; correctly rounded), and the radial angle by the same arctangent series as pairwise-geometry.ts
;; with the same fallback: near a rounding boundary the imported $radialFallback (Math.atan2 in
;; JavaScript) decides, as it does there.
;;
;; Built into consolidation-wasm-bytes.ts by build-matcher-wasm.mjs.
;;
;; Memory: imported, the local-similarity module's (local-similarity-simd.wat), whose packed pairs
;; at 20480 are this module's input. Byte offsets (consolidation-wasm.ts lays out the same):
;;   0x20000 ρ sigmoid tables, f64 (Float32 values widened): distance ×1025, direction 0x22800,
;;           radial 0x25000
;;   0x28000 A x, y, direction f64 ×128 (0x28000, 0x28400, 0x28800); B the same at 0x28C00,
;;           0x29000, 0x29400; A type u8 0x29800, B type 0x29880; used flags A 0x29900, B 0x29980
;;   0x29A00 selected pairs: A index i32 ×128, B index 0x29C00, λ0 f32 0x29E00, λ f32 0x2A000,
;;           chosen i32 ×12 0x2A200 (slot 63 a spare), n and nP i32 0x2A300
;;   0x2A400 relaxation λ f64 ×128, next 0x2A800, efficiency 0x2AC00 (and a sentinel after it);
;;           counting-sort buckets i32 ×1025 0x2B400 (zero between calls)
;;   0x30000 A pairwise distance i32 (count² entries, row stride count), direction difference
;;           0x40000, radial angle 0x50000
;;   0x60000 packed pairs sorted by λ, u32 ×16384
;;   0x70000 ρ f64, a dense n × s matrix (s = n rounded up to 8), to 0x90000
;;   0xA0000 pairs of selected pairs t·2^7 + k, i32 ×8128; 0xA8000 their distance gaps i32;
;;   0xB0000 their distance · direction terms f64; 0x90000 their radial units i32 at 8-byte steps;
;;   0xC0000 θt − atan2(dy, dx) f64, 0xD0000 max(|dx|, |dy|) f64; to 0xE0000
(module
  (import "env" "memory" (memory 14))
  (import "env" "radialFallback" (func $radialFallback (param f64 f64 f64) (result i32)))

  ;; ---- Macros (expanded by build-matcher-wasm.mjs: V8 does not inline WebAssembly calls). A
  ;; parameter used more than once must be passed a local. "2" names work on two f64 lanes (f64x2)
  ;; with the same IEEE operations, lane by lane, as the scalar JavaScript: the same bits, and the
  ;; long latency chains (divisions, the series) of two pairs run abreast in half the instructions.

  ;; Math.round on both lanes of %v (a local), as i32 in lanes 0 and 2 (the low halves of the f64
  ;; lanes), for |v| < 2^31 (round-half-up.ts); %y a scratch v128. y = v + 1.5·2^52 holds
  ;; round-half-even(v) in its low bits; a tie that went down (v − (y − 1.5·2^52) = 0.5) is taken
  ;; up: its lane mask is −1 in i32, and subtracting it adds 1. No f64→i32 conversion
  ;; (i32.trunc_f64_s tests for a trap) and no branch.
  (@define (@round2 %v %y)
    (i32x4.sub
      (local.tee %y (f64x2.add (local.get %v) (v128.const f64x2 0x1.8p52 0x1.8p52)))
      (f64x2.eq (f64x2.sub (local.get %v) (f64x2.sub (local.get %y) (v128.const f64x2 0x1.8p52 0x1.8p52))) (v128.const f64x2 0.5 0.5))))
  ;; min(%u, %max) of a local.
  (@define (@min %u %max) (select (local.get %u) (i32.const %max) (i32.lt_s (local.get %u) (i32.const %max))))
  ;; min(|%g|, 2048 − |%g|) of a local (an angle gap in π/1024 units folded into [0, 1024]); %g is
  ;; overwritten with |%g|.
  (@define (@fold %g)
    (select
      (local.tee %g (select (local.get %g) (i32.sub (i32.const 0) (local.get %g)) (i32.ge_s (local.get %g) (i32.const 0))))
      (i32.sub (i32.const 2048) (local.get %g))
      (i32.lt_s (local.get %g) (i32.sub (i32.const 2048) (local.get %g)))))
  ;; |%g| of a local.
  (@define (@abs %g) (select (local.get %g) (i32.sub (i32.const 0) (local.get %g)) (i32.ge_s (local.get %g) (i32.const 0))))
  ;; angleDifference (angle.ts) of a raw difference %d (a local) on both lanes, brought into [−π, π):
  ;; the wrapped value is computed always and selected (a branch here mispredicts: for the radial
  ;; angle it is taken about half the time).
  (@define (@wrap2 %d)
    (v128.bitselect
      (f64x2.sub (local.get %d)
        (f64x2.mul (v128.const f64x2 0x1.921fb54442d18p+2 0x1.921fb54442d18p+2)
          (f64x2.floor (f64x2.div (f64x2.add (local.get %d) (v128.const f64x2 0x1.921fb54442d18p+1 0x1.921fb54442d18p+1))
            (v128.const f64x2 0x1.921fb54442d18p+2 0x1.921fb54442d18p+2)))))
      (local.get %d)
      (v128.or (f64x2.lt (local.get %d) (v128.const f64x2 -0x1.921fb54442d18p+1 -0x1.921fb54442d18p+1))
               (f64x2.ge (local.get %d) (v128.const f64x2 0x1.921fb54442d18p+1 0x1.921fb54442d18p+1)))))
  ;; An angle on both lanes in π/1024 units before the clamp: angle · 1024 / π, as pairwise-geometry.ts.
  (@define (@units2 %angle)
    (f64x2.div (f64x2.mul %angle (v128.const f64x2 1024 1024)) (v128.const f64x2 0x1.921fb54442d18p+1 0x1.921fb54442d18p+1)))
  ;; atanSmall (pairwise-geometry.ts) on both lanes of %t (a local), %t2 a scratch v128: the Taylor
  ;; series to t^15 evaluated in the same order.
  (@define (@atanSmall2 %t %t2)
    (f64x2.mul (local.get %t)
      (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (local.tee %t2 (f64x2.mul (local.get %t) (local.get %t)))
      (f64x2.add (v128.const f64x2 -0x1.5555555555555p-2 -0x1.5555555555555p-2) (f64x2.mul (local.get %t2)
      (f64x2.add (v128.const f64x2 0x1.999999999999ap-3 0x1.999999999999ap-3) (f64x2.mul (local.get %t2)
      (f64x2.add (v128.const f64x2 -0x1.2492492492492p-3 -0x1.2492492492492p-3) (f64x2.mul (local.get %t2)
      (f64x2.add (v128.const f64x2 0x1.c71c71c71c71cp-4 0x1.c71c71c71c71cp-4) (f64x2.mul (local.get %t2)
      (f64x2.add (v128.const f64x2 -0x1.745d1745d1746p-4 -0x1.745d1745d1746p-4) (f64x2.mul (local.get %t2)
      (f64x2.add (v128.const f64x2 0x1.3b13b13b13b14p-4 0x1.3b13b13b13b14p-4)
        (f64x2.mul (local.get %t2) (v128.const f64x2 -0x1.1111111111111p-4 -0x1.1111111111111p-4)))))))))))))))))
  ;; Math.fround(%x) for a local %x ≥ 0 without a Float32 subnormal in the machine: many ρ fall
  ;; below 2^−126, and a conversion that makes or reads a subnormal can take a slow microcode path.
  ;; There Float32 spacing is 2^−149, so x + 1.5·2^−97 (whose f64 spacing is 2^−149) rounds x to it,
  ;; ties to even as Float32 does; above, the conversion sees only normal numbers.
  (@define (@fround %x)
    (select
      (f64.promote_f32 (f32.demote_f64 (select (local.get %x) (f64.const 1) (f64.ge (local.get %x) (f64.const 0x1p-126)))))
      (f64.sub (f64.add (local.get %x) (f64.const 0x1.8p-97)) (f64.const 0x1.8p-97))
      (f64.ge (local.get %x) (f64.const 0x1p-126))))
  ;; Two f64 of B's minutiae as lanes: field at %offset of pairB[%t0] and pairB[%t1] (locals).
  (@define (@bLanes %offset %t0 %t1)
    (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=%offset (i32.shl (i32.load offset=0x29C00 (i32.shl (local.get %t0) (i32.const 2))) (i32.const 3))))
      (f64.load offset=%offset (i32.shl (i32.load offset=0x29C00 (i32.shl (local.get %t1) (i32.const 2))) (i32.const 3)))))
  ;; The probe's pairwise table entry (i32 at %table) of selected pairs %t, %k (locals).
  (@define (@aTable %table %t %k)
    (i32.load offset=%table (i32.shl
      (i32.add (i32.mul (i32.load offset=0x29A00 (i32.shl (local.get %t) (i32.const 2))) (local.get $na))
        (i32.load offset=0x29A00 (i32.shl (local.get %k) (i32.const 2))))
      (i32.const 2))))

  ;; 3a for one lane: distance units %units (an i32 expression) of selected pairs ($t, %k) against
  ;; the probe's; the pair is listed, and kept (m advances) when within the distance table.
  (@define (@gapLane %units %k)
    (local.set $u %units)
    (local.set $gap (i32.sub
      (i32.load offset=0x30000 (i32.shl (i32.add (local.get $at) (i32.load offset=0x29A00 (i32.shl %k (i32.const 2)))) (i32.const 2)))
      (@min $u 65535)))
    (i32.store offset=0xA0000 (i32.shl (local.get $m) (i32.const 2)) (i32.or (i32.shl (local.get $t) (i32.const 7)) %k))
    (i32.store offset=0xA8000 (i32.shl (local.get $m) (i32.const 2)) (local.tee $gap (@abs $gap)))
    (local.set $m (i32.add (local.get $m) (i32.lt_u (local.get $gap) (i32.const 1025)))))

  ;; 3b for one lane: entry %p of the list (pair %v = t·2^7 + k) with direction units %units (an
  ;; i32 expression): distance term × direction term, kept (alive advances) when ρ can be non-zero.
  (@define (@productLane %p %v %units)
    (local.set $t (i32.shr_u %v (i32.const 7)))
    (local.set $k (i32.and %v (i32.const 127)))
    (local.set $u %units)
    (local.set $g (i32.sub (@aTable 0x40000 $t $k) (@min $u 1023)))
    (local.set $prod
      (f64.mul
        (f64.load offset=0x20000 (i32.shl (i32.load offset=0xA8000 (i32.shl %p (i32.const 2))) (i32.const 3)))
        (f64.load offset=0x22800 (i32.shl (@fold $g) (i32.const 3)))))
    (i32.store offset=0xA0000 (i32.shl (local.get $alive) (i32.const 2)) %v)
    (f64.store offset=0xB0000 (i32.shl (local.get $alive) (i32.const 3)) (local.get $prod))
    (local.set $alive (i32.add (local.get $alive) (f64.gt (local.get $prod) (f64.const 0x1p-150)))))

  ;; 3c for one lane: entry %p (pair %v) with radial units %units (an i32 expression): ρ =
  ;; fround(product · radial term), into ρ(t, k) and ρ(k, t) of the dense matrix (stride $s).
  (@define (@rhoLane %p %v %units)
    (local.set $t (i32.shr_u %v (i32.const 7)))
    (local.set $k (i32.and %v (i32.const 127)))
    (local.set $u %units)
    (local.set $g (i32.sub (@aTable 0x50000 $t $k) (@min $u 1023)))
    (local.set $rho (f64.mul (f64.load offset=0xB0000 (i32.shl %p (i32.const 3))) (f64.load offset=0x25000 (i32.shl (@fold $g) (i32.const 3)))))
    (local.set $rho (@fround $rho))
    (f64.store offset=0x70000 (i32.shl (i32.add (i32.mul (local.get $t) (local.get $s)) (local.get $k)) (i32.const 3)) (local.get $rho))
    (f64.store offset=0x70000 (i32.shl (i32.add (i32.mul (local.get $k) (local.get $s)) (local.get $t)) (i32.const 3)) (local.get $rho)))

  ;; The radial-angle fallback (Math.atan2 in JavaScript) for lane %lane of the f64 lanes, into i32
  ;; lane %ilane of $units, where $fallback says.
  (@define (@fallbackLane %lane %ilane)
    (if (i32x4.extract_lane %ilane (local.get $fallback))
      (then (local.set $units (i32x4.replace_lane %ilane (local.get $units)
        (call $radialFallback (f64x2.extract_lane %lane (local.get $theta)) (f64x2.extract_lane %lane (local.get $dx2)) (f64x2.extract_lane %lane (local.get $dy2))))))))

  ;; Consolidates `found` packed pairs (at 20480) into the global score; the selected pairs, their
  ;; relaxed λ and the chosen ones are left in memory for match(). nPmax: scorePairCount(min(na, nb)).
  ;; weighted: min(W_A, W_B), the lighter side's quality-weighted count (min(na, nb) for r = 1).
  (func (export "consolidate") (param $na i32) (param $nb i32) (param $found i32) (param $nPmax i32) (param $weighted f64) (result f64)
    (local $nR i32) (local $p i32) (local $v i32) (local $key i32) (local $low i32) (local $high i32)
    (local $sum i32) (local $c i32) (local $i i32) (local $j i32) (local $n i32) (local $nP i32)
    (local $l0 f32) (local $ti i32) (local $tj i32)
    (local $t i32) (local $k i32) (local $at i32) (local $bt i32) (local $bk i32) (local $ak i32)
    (local $gap i32)
    (local $prod f64) (local $rho f64) (local $e i32) (local $m i32) (local $alive i32)
    (local $it i32) (local $cur i32) (local $nxt i32) (local $spread f64)
    (local $best i32) (local $better i32) (local $bestEff f64) (local $eff f64) (local $total f64)
    (local $e2 v128) (local $t2 v128) (local $k2 v128) (local $cnt2 v128) (local $x2 v128) (local $s i32) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $lk v128) (local $spread2 v128)
    (local $v1 i32) (local $t1 i32) (local $k1 i32) (local $u i32) (local $g i32)
    (local $xt2 v128) (local $yt2 v128) (local $dx2 v128) (local $dy2 v128) (local $v2 v128) (local $y2 v128) (local $d2 v128)
    (local $units v128) (local $theta v128) (local $ax2 v128) (local $ay2 v128) (local $gt2 v128) (local $big2 v128)
    (local $r2 v128) (local $far2 v128) (local $s2 v128) (local $a2 v128) (local $fallback v128)
    (i32.store (i32.const 0x2A300) (i32.const 0))
    (i32.store (i32.const 0x2A304) (i32.const 0))
    (local.set $nR (select (local.get $na) (local.get $nb) (i32.lt_u (local.get $na) (local.get $nb))))
    (if (i32.or (i32.eqz (local.get $found)) (i32.eqz (local.get $nR))) (then (return (f64.const 0))))

    ;; 1. Counting sort on the top 10 bits of λ, descending; scan order within a bucket.
    (local.set $low (i32.const 1024))
    (local.set $high (i32.const -1))
    (local.set $p (i32.const 0))
    (loop $count
      (local.set $key (i32.sub (i32.const 1023) (i32.shr_u (i32.load offset=20480 (i32.shl (local.get $p) (i32.const 2))) (i32.const 22))))
      (i32.store offset=0x2B400 (i32.shl (local.get $key) (i32.const 2))
        (i32.add (i32.load offset=0x2B400 (i32.shl (local.get $key) (i32.const 2))) (i32.const 1)))
      (local.set $low (select (local.get $key) (local.get $low) (i32.lt_s (local.get $key) (local.get $low))))
      (local.set $high (select (local.get $key) (local.get $high) (i32.gt_s (local.get $key) (local.get $high))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $count (i32.lt_u (local.get $p) (local.get $found))))
    (local.set $sum (i32.const 0))
    (local.set $key (local.get $low))
    (loop $prefix
      (local.set $c (i32.load offset=0x2B400 (i32.shl (local.get $key) (i32.const 2))))
      (i32.store offset=0x2B400 (i32.shl (local.get $key) (i32.const 2)) (local.get $sum))
      (local.set $sum (i32.add (local.get $sum) (local.get $c)))
      (local.set $key (i32.add (local.get $key) (i32.const 1)))
      (br_if $prefix (i32.le_s (local.get $key) (local.get $high))))
    (local.set $p (i32.const 0))
    (loop $scatter
      (local.set $v (i32.load offset=20480 (i32.shl (local.get $p) (i32.const 2))))
      (local.set $key (i32.shl (i32.sub (i32.const 1023) (i32.shr_u (local.get $v) (i32.const 22))) (i32.const 2)))
      (local.set $c (i32.load offset=0x2B400 (local.get $key)))
      (i32.store offset=0x60000 (i32.shl (local.get $c) (i32.const 2)) (local.get $v))
      (i32.store offset=0x2B400 (local.get $key) (i32.add (local.get $c) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $scatter (i32.lt_u (local.get $p) (local.get $found))))
    (memory.fill
      (i32.add (i32.const 0x2B400) (i32.shl (local.get $low) (i32.const 2)))
      (i32.const 0)
      (i32.shl (i32.add (i32.sub (local.get $high) (local.get $low)) (i32.const 1)) (i32.const 2)))

    ;; 2. Greedy one-to-one selection, best λ first, up to nR pairs; a type mismatch weighs λ0.
    (memory.fill (i32.const 0x29900) (i32.const 0) (local.get $na))
    (memory.fill (i32.const 0x29980) (i32.const 0) (local.get $nb))
    (local.set $n (i32.const 0))
    (local.set $p (i32.const 0))
    (block $selected
      (loop $select
        (local.set $v (i32.load offset=0x60000 (i32.shl (local.get $p) (i32.const 2))))
        (local.set $i (i32.and (i32.shr_u (local.get $v) (i32.const 7)) (i32.const 127)))
        (local.set $j (i32.and (local.get $v) (i32.const 127)))
        (if (i32.eqz (i32.or (i32.load8_u offset=0x29900 (local.get $i)) (i32.load8_u offset=0x29980 (local.get $j))))
          (then
            (i32.store8 offset=0x29900 (local.get $i) (i32.const 1))
            (i32.store8 offset=0x29980 (local.get $j) (i32.const 1))
            (i32.store offset=0x29A00 (i32.shl (local.get $n) (i32.const 2)) (local.get $i))
            (i32.store offset=0x29C00 (i32.shl (local.get $n) (i32.const 2)) (local.get $j))
            (local.set $l0 (f32.demote_f64 (f64.div
              (f64.sub (f64.reinterpret_i64 (i64.or (i64.const 0x4330000000000000) (i64.extend_i32_u (i32.shr_u (local.get $v) (i32.const 14))))) (f64.const 0x1p52))
              (f64.const 262143))))
            (local.set $ti (i32.load8_u offset=0x29800 (local.get $i)))
            (local.set $tj (i32.load8_u offset=0x29880 (local.get $j)))
            (if (i32.and (i32.ne (local.get $ti) (local.get $tj)) (i32.and (i32.ne (local.get $ti) (i32.const 0)) (i32.ne (local.get $tj) (i32.const 0))))
              (then (local.set $l0 (f32.demote_f64 (f64.mul (f64.promote_f32 (local.get $l0)) (f64.const 0x1.b333333333333p-1))))))
            (f32.store offset=0x29E00 (i32.shl (local.get $n) (i32.const 2)) (local.get $l0))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br_if $selected (i32.ge_u (local.get $n) (local.get $nR)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $select (i32.lt_u (local.get $p) (local.get $found)))))
    (local.set $nP (select (local.get $nPmax) (local.get $n) (i32.lt_u (local.get $nPmax) (local.get $n))))

    ;; 3. ρ of every pair of selected pairs (t, k), t < k, kept where non-zero, in (t, k) order so
    ;; that each row's columns ascend (relaxation then adds the terms in the JavaScript's order).
    ;; In three passes over lists, each free of branches on what it computes, as in consolidation.ts
    ;; (a branch on a square root or an arctangent that mispredicts throws away the work in
    ;; flight), two pairs at a time; past the end of a list the second lane reads a stale entry
    ;; (a pair of indices below 128, in bounds) and is not stored.
    ;; 3a. Distance gaps; keep those within the table (beyond 64 px ρ < 1e-40: zero).
    (local.set $m (i32.const 0))
    (local.set $t (i32.const 0))
    (loop $rows
      (local.set $at (i32.mul (i32.load offset=0x29A00 (i32.shl (local.get $t) (i32.const 2))) (local.get $na)))
      (local.set $bt (i32.shl (i32.load offset=0x29C00 (i32.shl (local.get $t) (i32.const 2))) (i32.const 3)))
      (local.set $xt2 (f64x2.splat (f64.load offset=0x28C00 (local.get $bt))))
      (local.set $yt2 (f64x2.splat (f64.load offset=0x29000 (local.get $bt))))
      (local.set $k (i32.add (local.get $t) (i32.const 1)))
      (local.set $k1 (i32.add (local.get $t) (i32.const 2)))
      (block $rowDone
        (br_if $rowDone (i32.ge_u (local.get $k) (local.get $n)))
        (loop $columns
          ;; Past the end (k + 1 = n) lane 1 repeats lane 0 (pairB[n] is not a pair).
          (local.set $t1 (select (local.get $k1) (local.get $k) (i32.lt_u (local.get $k1) (local.get $n))))
          (local.set $dx2 (f64x2.sub (@bLanes 0x28C00 $k $t1) (local.get $xt2)))
          (local.set $dy2 (f64x2.sub (@bLanes 0x29000 $k $t1) (local.get $yt2)))
          ;; distanceUnits: min(65535, round(16·√(dx² + dy²))).
          (local.set $v2 (f64x2.mul
            (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $dx2) (local.get $dx2)) (f64x2.mul (local.get $dy2) (local.get $dy2))))
            (v128.const f64x2 16 16)))
          (local.set $units (@round2 $v2 $y2))
          (@gapLane (i32x4.extract_lane 0 (local.get $units)) (local.get $k))
          (if (i32.lt_u (local.get $k1) (local.get $n))
            (then (@gapLane (i32x4.extract_lane 2 (local.get $units)) (local.get $k1))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (local.set $k1 (i32.add (local.get $k1) (i32.const 2)))
          (br_if $columns (i32.lt_u (local.get $k) (local.get $n)))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $t) (local.get $n))))
    ;; 3b. Distance term times direction term; keep those whose ρ can be non-zero in Float32
    ;; whatever the radial term (≤ 1): no arctangent for the others.
    (local.set $alive (i32.const 0))
    (local.set $p (i32.const 0))
    (block $bDone
      (br_if $bDone (i32.eqz (local.get $m)))
      (loop $b
        (local.set $v (i32.load offset=0xA0000 (i32.shl (local.get $p) (i32.const 2))))
        (local.set $v1 (i32.load offset=0xA0004 (i32.shl (local.get $p) (i32.const 2))))
        (local.set $t (i32.shr_u (local.get $v) (i32.const 7)))
        (local.set $k (i32.and (local.get $v) (i32.const 127)))
        (local.set $t1 (i32.shr_u (local.get $v1) (i32.const 7)))
        (local.set $k1 (i32.and (local.get $v1) (i32.const 127)))
        ;; angleUnits(angleDifference(θt, θk)) of the candidate.
        (local.set $d2 (f64x2.sub (@bLanes 0x29400 $t $t1) (@bLanes 0x29400 $k $k1)))
        (local.set $v2 (@units2 (@wrap2 $d2)))
        (local.set $units (@round2 $v2 $y2))
        (@productLane (local.get $p) (local.get $v) (i32x4.extract_lane 0 (local.get $units)))
        (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $m))
          (then (@productLane (i32.add (local.get $p) (i32.const 1)) (local.get $v1) (i32x4.extract_lane 2 (local.get $units)))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br_if $b (i32.lt_u (local.get $p) (local.get $m)))))
    ;; 3c. Times the radial term, into ρ, a dense symmetric n × s matrix (s = n rounded up to 8),
    ;; zero where no entry is written (the diagonal, the pairs dropped above, the padding).
    (local.set $s (i32.and (i32.add (local.get $n) (i32.const 7)) (i32.const -8)))
    (memory.fill (i32.const 0x70000) (i32.const 0) (i32.shl (i32.mul (local.get $n) (local.get $s)) (i32.const 3)))
    ;; In three passes, so that each loop's chain is short and several iterations are in flight
    ;; (one loop of it all took 30 ns a pair: the chain, two hundred cycles, hardly overlapped).
    ;; 3c-i. radialAngleUnits (pairwise-geometry.ts) by the series, to θt − atan2(dy, dx) (before
    ;; wrapping, 0xC0000) and the larger of |dx|, |dy| (0xD0000). Every arm computed and selected.
    (local.set $p (i32.const 0))
    (block $cDone
      (br_if $cDone (i32.eqz (local.get $alive)))
      (loop $c3
        (local.set $v (i32.load offset=0xA0000 (i32.shl (local.get $p) (i32.const 2))))
        (local.set $v1 (i32.load offset=0xA0004 (i32.shl (local.get $p) (i32.const 2))))
        (local.set $t (i32.shr_u (local.get $v) (i32.const 7)))
        (local.set $k (i32.and (local.get $v) (i32.const 127)))
        (local.set $t1 (i32.shr_u (local.get $v1) (i32.const 7)))
        (local.set $k1 (i32.and (local.get $v1) (i32.const 127)))
        (local.set $dx2 (f64x2.sub (@bLanes 0x28C00 $k $k1) (@bLanes 0x28C00 $t $t1)))
        (local.set $dy2 (f64x2.sub (@bLanes 0x29000 $k $k1) (@bLanes 0x29000 $t $t1)))
        (local.set $ax2 (f64x2.abs (local.get $dx2)))
        (local.set $ay2 (f64x2.abs (local.get $dy2)))
        (local.set $gt2 (f64x2.gt (local.get $ax2) (local.get $ay2)))
        (local.set $big2 (v128.bitselect (local.get $ax2) (local.get $ay2) (local.get $gt2)))
        (v128.store offset=0xD0000 (i32.shl (local.get $p) (i32.const 3)) (local.get $big2))
        (local.set $r2 (f64x2.div (v128.bitselect (local.get $ay2) (local.get $ax2) (local.get $gt2)) (local.get $big2)))
        (local.set $far2 (f64x2.gt (local.get $r2) (v128.const f64x2 0x1.a827999fcef34p-2 0x1.a827999fcef34p-2)))
        (local.set $s2 (v128.bitselect
          (f64x2.div (f64x2.sub (local.get $r2) (v128.const f64x2 1 1)) (f64x2.add (local.get $r2) (v128.const f64x2 1 1)))
          (local.get $r2) (local.get $far2)))
        (local.set $a2 (@atanSmall2 $s2 $y2))
        (local.set $a2 (v128.bitselect (f64x2.add (v128.const f64x2 0x1.921fb54442d18p-1 0x1.921fb54442d18p-1) (local.get $a2)) (local.get $a2) (local.get $far2)))
        (local.set $a2 (v128.bitselect (f64x2.sub (v128.const f64x2 0x1.921fb54442d18p+0 0x1.921fb54442d18p+0) (local.get $a2)) (local.get $a2)
          (f64x2.gt (local.get $ay2) (local.get $ax2))))
        (local.set $a2 (v128.bitselect (f64x2.sub (v128.const f64x2 0x1.921fb54442d18p+1 0x1.921fb54442d18p+1) (local.get $a2)) (local.get $a2)
          (f64x2.lt (local.get $dx2) (v128.const f64x2 0 0))))
        (local.set $a2 (v128.bitselect (f64x2.neg (local.get $a2)) (local.get $a2) (f64x2.lt (local.get $dy2) (v128.const f64x2 0 0))))
        (v128.store offset=0xC0000 (i32.shl (local.get $p) (i32.const 3)) (f64x2.sub (@bLanes 0x29400 $t $t1) (local.get $a2)))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br_if $c3 (i32.lt_u (local.get $p) (local.get $alive))))
      ;; 3c-ii. Wrapped into [−π, π), to units (0x90000, i32 at 8-byte steps); Math.atan2 (imported)
      ;; for the lanes within the series' error of a rounding boundary, or with dx = dy = 0.
      (local.set $p (i32.const 0))
      (loop $c3units
        (local.set $d2 (v128.load offset=0xC0000 (i32.shl (local.get $p) (i32.const 3))))
        (local.set $v2 (@units2 (@wrap2 $d2)))
        (local.set $s2 (f64x2.sub (local.get $v2) (f64x2.floor (local.get $v2))))
        (local.set $fallback (v128.or (v128.or
          (f64x2.lt (f64x2.abs (f64x2.sub (local.get $s2) (v128.const f64x2 0.5 0.5))) (v128.const f64x2 0x1.4f8b588e368f1p-16 0x1.4f8b588e368f1p-16))
          (f64x2.lt (f64x2.sub (v128.const f64x2 1024 1024) (f64x2.abs (local.get $v2))) (v128.const f64x2 1 1)))
          (f64x2.eq (v128.load offset=0xD0000 (i32.shl (local.get $p) (i32.const 3))) (v128.const f64x2 0 0))))
        (local.set $units (@round2 $v2 $y2))
        (if (v128.any_true (local.get $fallback))
          (then
            (local.set $v (i32.load offset=0xA0000 (i32.shl (local.get $p) (i32.const 2))))
            (local.set $v1 (i32.load offset=0xA0004 (i32.shl (local.get $p) (i32.const 2))))
            (local.set $t (i32.shr_u (local.get $v) (i32.const 7)))
            (local.set $k (i32.and (local.get $v) (i32.const 127)))
            (local.set $t1 (i32.shr_u (local.get $v1) (i32.const 7)))
            (local.set $k1 (i32.and (local.get $v1) (i32.const 127)))
            (local.set $theta (@bLanes 0x29400 $t $t1))
            (local.set $dx2 (f64x2.sub (@bLanes 0x28C00 $k $k1) (@bLanes 0x28C00 $t $t1)))
            (local.set $dy2 (f64x2.sub (@bLanes 0x29000 $k $k1) (@bLanes 0x29000 $t $t1)))
            (@fallbackLane 0 0)
            (@fallbackLane 1 2)))
        (v128.store offset=0x90000 (i32.shl (local.get $p) (i32.const 3)) (local.get $units))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br_if $c3units (i32.lt_u (local.get $p) (local.get $alive))))
      ;; 3c-iii. ρ into the matrix.
      (local.set $p (i32.const 0))
      (loop $c3rho
        (@rhoLane (local.get $p) (i32.load offset=0xA0000 (i32.shl (local.get $p) (i32.const 2))) (i32.load offset=0x90000 (i32.shl (local.get $p) (i32.const 3))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $c3rho (i32.lt_u (local.get $p) (local.get $alive)))))

    ;; 4. Relaxation, 5 iterations: λ_t ← fround(wR·λ_t + (1 − wR)/d·Σ_k ρ(t, k)·λ_k), the sum
    ;; over k ascending; d = n − 1 when weighted = nR (r = 1), else max(1, n·weighted/nR − 1), as
    ;; consolidation.ts computes it. Over the dense ρ, eight rows at a time in four f64x2 accumulators: each
    ;; lane adds its row's terms in the JavaScript's order, and the terms it adds that the
    ;; JavaScript skips (ρ = 0) are +0, which leave a sum of non-negative terms as it was. (Each
    ;; accumulator is a chain of additions; with four of them in flight instead of two, the loop
    ;; is no longer held to the adder's latency.)
    (local.set $t (i32.const 0))
    (loop $init
      (f64.store offset=0x2A400 (i32.shl (local.get $t) (i32.const 3))
        (select (f64.promote_f32 (f32.load offset=0x29E00 (i32.shl (local.get $t) (i32.const 2)))) (f64.const 0)
          (i32.lt_u (local.get $t) (local.get $n))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br_if $init (i32.lt_u (local.get $t) (local.get $s))))
    (local.set $spread
      (select
        (f64.div (f64.const 0.5)
          (select
            (f64.convert_i32_u (i32.sub (local.get $n) (i32.const 1)))
            (f64.max (f64.const 1)
              (f64.sub
                (f64.div (f64.mul (f64.convert_i32_u (local.get $n)) (local.get $weighted)) (f64.convert_i32_u (local.get $nR)))
                (f64.const 1)))
            (f64.eq (local.get $weighted) (f64.convert_i32_u (local.get $nR)))))
        (f64.const 0)
        (i32.gt_u (local.get $n) (i32.const 1))))
    (local.set $spread2 (f64x2.splat (local.get $spread)))
    (local.set $cur (i32.const 0x2A400))
    (local.set $nxt (i32.const 0x2A800))
    (local.set $it (i32.const 0))
    (loop $iterations
      (local.set $t (i32.const 0))
      (loop $relax
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $acc2 (v128.const f64x2 0 0))
        (local.set $acc3 (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (local.set $e (i32.shl (local.get $t) (i32.const 3)))
        (loop $sum
          (local.set $lk (f64x2.splat (f64.load (i32.add (local.get $cur) (i32.shl (local.get $k) (i32.const 3))))))
          (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load offset=0x70000 (local.get $e)) (local.get $lk))))
          (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=0x70010 (local.get $e)) (local.get $lk))))
          (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (v128.load offset=0x70020 (local.get $e)) (local.get $lk))))
          (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (v128.load offset=0x70030 (local.get $e)) (local.get $lk))))
          (local.set $e (i32.add (local.get $e) (i32.shl (local.get $s) (i32.const 3))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $sum (i32.lt_u (local.get $k) (local.get $n))))
        (local.set $e (i32.shl (local.get $t) (i32.const 3)))
        (v128.store (i32.add (local.get $nxt) (local.get $e))
          (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.mul (v128.const f64x2 0.5 0.5) (v128.load (i32.add (local.get $cur) (local.get $e))))
              (f64x2.mul (local.get $spread2) (local.get $acc0))))))
        (v128.store offset=16 (i32.add (local.get $nxt) (local.get $e))
          (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.mul (v128.const f64x2 0.5 0.5) (v128.load offset=16 (i32.add (local.get $cur) (local.get $e))))
              (f64x2.mul (local.get $spread2) (local.get $acc1))))))
        (v128.store offset=32 (i32.add (local.get $nxt) (local.get $e))
          (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.mul (v128.const f64x2 0.5 0.5) (v128.load offset=32 (i32.add (local.get $cur) (local.get $e))))
              (f64x2.mul (local.get $spread2) (local.get $acc2))))))
        (v128.store offset=48 (i32.add (local.get $nxt) (local.get $e))
          (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.mul (v128.const f64x2 0.5 0.5) (v128.load offset=48 (i32.add (local.get $cur) (local.get $e))))
              (f64x2.mul (local.get $spread2) (local.get $acc3))))))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (br_if $relax (i32.lt_u (local.get $t) (local.get $n))))
      (local.set $e (local.get $cur))
      (local.set $cur (local.get $nxt))
      (local.set $nxt (local.get $e))
      (local.set $it (i32.add (local.get $it) (i32.const 1)))
      (br_if $iterations (i32.lt_u (local.get $it) (i32.const 5))))

    ;; 5. λ (Float32) and efficiency λ / λ0; the nP most efficient pairs in the order the
    ;; selection of consolidation.ts takes them (efficiency descending, the lower index first on
    ;; ties). A pair's place in that order is the number of pairs before it: those of higher
    ;; efficiency, and those of equal efficiency and lower index. Counted for every pair, the
    ;; comparisons are independent; the selection's running maximum chained them (~6 cycles a
    ;; step, nP·n steps). Efficiencies are finite and ≥ 0 (λ0 > 0), so the places are 0 … n − 1.
    (local.set $t (i32.const 0))
    (loop $eff
      (f32.store offset=0x2A000 (i32.shl (local.get $t) (i32.const 2))
        (f32.demote_f64 (f64.load (i32.add (local.get $cur) (i32.shl (local.get $t) (i32.const 3))))))
      (f64.store offset=0x2AC00 (i32.shl (local.get $t) (i32.const 3))
        (f64.div
          (f64.promote_f32 (f32.load offset=0x2A000 (i32.shl (local.get $t) (i32.const 2))))
          (f64.promote_f32 (f32.load offset=0x29E00 (i32.shl (local.get $t) (i32.const 2))))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br_if $eff (i32.lt_u (local.get $t) (local.get $n))))
    ;; A sentinel after the last efficiency (below all of them: it never counts) for the second
    ;; lane of the last step when n is odd.
    (f64.store offset=0x2AC00 (i32.shl (local.get $n) (i32.const 3)) (f64.const -1))
    (local.set $t (i32.const 0))
    (loop $place
      (local.set $eff (f64.load offset=0x2AC00 (i32.shl (local.get $t) (i32.const 3))))
      (local.set $e2 (f64x2.splat (local.get $eff)))
      (local.set $t2 (f64x2.splat (f64.convert_i32_u (local.get $t))))
      (local.set $k2 (v128.const f64x2 0 1))
      (local.set $cnt2 (v128.const i64x2 0 0))
      (local.set $k (i32.const 0))
      ;; Two pairs a step (f64x2 lanes; lane masks are −1, subtracted to count), the same trip
      ;; count for every pair (its exit predicts).
      (loop $before
        (local.set $x2 (v128.load offset=0x2AC00 (i32.shl (local.get $k) (i32.const 3))))
        (local.set $cnt2 (i64x2.sub (local.get $cnt2)
          (v128.or
            (f64x2.gt (local.get $x2) (local.get $e2))
            (v128.and (f64x2.eq (local.get $x2) (local.get $e2)) (f64x2.lt (local.get $k2) (local.get $t2))))))
        (local.set $k2 (f64x2.add (local.get $k2) (v128.const f64x2 2 2)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br_if $before (i32.lt_u (local.get $k) (local.get $n))))
      (local.set $c (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $cnt2)) (i64x2.extract_lane 1 (local.get $cnt2)))))
      ;; Places from nP on are written to a spare slot (63, past the chosen pairs read).
      (i32.store offset=0x2A200
        (i32.shl (select (local.get $c) (i32.const 63) (i32.lt_u (local.get $c) (local.get $nP))) (i32.const 2))
        (local.get $t))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br_if $place (i32.lt_u (local.get $t) (local.get $n))))
    ;; The score: their λ summed in that order, as the selection adds them.
    (local.set $total (f64.const 0))
    (local.set $c (i32.const 0))
    (loop $choose
      (local.set $total (f64.add (local.get $total)
        (f64.promote_f32 (f32.load offset=0x2A000 (i32.shl (i32.load offset=0x2A200 (i32.shl (local.get $c) (i32.const 2))) (i32.const 2))))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $choose (i32.lt_u (local.get $c) (local.get $nP))))
    (i32.store (i32.const 0x2A300) (local.get $n))
    (i32.store (i32.const 0x2A304) (local.get $nP))
    (f64.div (local.get $total) (f64.convert_i32_u (local.get $nP)))))
