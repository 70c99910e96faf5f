/**
 * The rewrites of the normal form, by name, so that a step can be decided with only the rules its
 * justification allows (issue 10 item 7). Linearity (sums, scalar multiples, E through sums,
 * E[c] = c for an integrand free of the measured variables) and the point-mass reading of a
 * variable both measured and given are always on: they are the meaning of the notation.
 *   factorize    chain rule and Bayes' rule: log m(A|B) into single-variable atoms
 *   markov       d-separation: drop conditions of densities and measures that the graph makes irrelevant
 *   marginalize  shrink a measure to the variables its integrand depends on
 *   tower        merge E_{m(S|G)}[E_{m(S2|G2)}[·]] when m(S2|G2) is m(S2 | S, G)
 *   kl           KL(P ‖ Q) = E_P[log P − log Q]
 *   importance   log E_{m(S|G)}[n(A|B)/m(S|G)] = log n(A \ S | B)
 */
export type Rule = 'factorize' | 'markov' | 'marginalize' | 'tower' | 'kl' | 'importance';

export const ALL_RULES: ReadonlySet<Rule> = new Set<Rule>(['factorize', 'markov', 'marginalize', 'tower', 'kl', 'importance']);
