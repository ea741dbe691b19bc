/** Angle arithmetic shared by cylinder building and consolidation (MCC §3: dφ). */

const TWO_PI = 2 * Math.PI;

/** dφ(θ1, θ2): the difference θ1 − θ2 brought into [−π, π) (MCC §3, eq. 6). */
export function angleDifference(theta1: number, theta2: number): number {
  let d = theta1 - theta2;
  if (d < -Math.PI || d >= Math.PI) d -= TWO_PI * Math.floor((d + Math.PI) / TWO_PI);
  return d;
}
