"""The corpus: near-duplicate articles (one story) and the same event across articles (one event cluster).

Pure functions over the data model; the store persists what they decide (signatures, LSH buckets, clusters)
so that new articles join existing stories and clusters without recomputing the corpus.

    from eventwire.corpus import dedupe, clusters
    sig = dedupe.signature(article.text)              # MinHash + shingle count
    dedupe.same_story(sig_a, sig_b, threshold=0.5)    # Jaccard ≥ threshold, or a trimmed copy (containment)
    m = clusters.mention_of(event, article.published, story_id)
    clusters.best_cluster(m, candidate_rows)          # the cluster it joins, or None
"""
from eventwire.corpus import clusters, dedupe

__all__ = ["clusters", "dedupe"]
