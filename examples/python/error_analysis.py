#!/usr/bin/env python3
"""Error analysis from training code: pull a released version, train the course lab's model, send
its predictions to Concord and print the slices ranked by what there is to gain.

Usage: CONCORD_URL=http://localhost:8080 CONCORD_TOKEN=cnc_... python3 error_analysis.py comment-spam [version]

The model is the comment-spam lab's: TF-IDF features and logistic regression, trained on the
version's train split. Its predictions on the test split (with the probability of the predicted
class as the score) go to POST .../datasets/{version}/predictions; Concord compares them with the
released labels and with human-level performance (HLP) on the same examples, per slice.

Environment: TEXT_COLUMN (default CONTENT), MODEL (default tfidf-logreg), SLICE (a metadata
field, "class" or "guide-version"; default: Concord's choice), SPLIT (default test).
Needs pandas, scikit-learn and requests (Debian: apt-get install python3-pandas python3-sklearn
python3-requests). The token is an API token of an ADMIN or SME.
"""
import hashlib
import io
import os
import sys

import pandas as pd
import requests
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def main():
    base = os.environ.get("CONCORD_URL", "http://localhost:8080").rstrip("/")
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {os.environ['CONCORD_TOKEN']}"
    project = sys.argv[1] if len(sys.argv) > 1 else "comment-spam"
    text_column = os.environ.get("TEXT_COLUMN", "CONTENT")
    model_name = os.environ.get("MODEL", "tfidf-logreg")
    split = os.environ.get("SPLIT", "test")

    datasets = f"{base}/api/projects/{project}/datasets"
    pinned = sys.argv[2] if len(sys.argv) > 2 else "latest"
    manifest = session.get(f"{datasets}/{pinned}/manifest.json", timeout=60)
    manifest.raise_for_status()
    manifest = manifest.json()
    version = manifest["version"]
    data = session.get(f"{datasets}/{version}/data.jsonl", timeout=120)
    data.raise_for_status()
    if hashlib.sha256(data.content).hexdigest() != manifest["files"]["data.jsonl"]["sha256"]:
        sys.exit(f"data.jsonl of version {version} does not match its manifest")

    rows = pd.read_json(io.BytesIO(data.content), lines=True, dtype=False)
    rows["text"] = [str(d.get(text_column, "")) if isinstance(d, dict) else "" for d in rows["data"]]
    train = rows[rows["split"] == "train"]
    held_out = rows[rows["split"] == split]
    print(f"version {version}: {len(train)} examples to train on, {len(held_out)} in the {split} split")
    if train["label"].nunique() < 2 or held_out.empty:
        sys.exit(f"the version needs two classes in train and examples in the {split} split")

    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=1), LogisticRegression(max_iter=1000))
    model.fit(train["text"], train["label"])
    predicted = model.predict(held_out["text"])
    scores = model.predict_proba(held_out["text"]).max(axis=1)
    predictions = pd.DataFrame({"key": held_out["key"], "prediction": predicted, "score": scores.round(4)})

    sent = session.post(f"{datasets}/{version}/predictions", params={"model": model_name}, timeout=120,
                        files={"file": ("predictions.csv", predictions.to_csv(index=False), "text/csv")})
    if sent.status_code != 201:
        sys.exit(f"Concord refused the predictions ({sent.status_code}): {sent.text}")
    run = sent.json()["run"]
    print(f"sent {sent.json()['predictions']} predictions as run {run} of model {model_name}")

    params = {"split": split}
    if os.environ.get("SLICE"):
        params["slice"] = os.environ["SLICE"]
    analysis = session.get(f"{datasets}/{version}/predictions/{run}/analysis", params=params, timeout=120)
    analysis.raise_for_status()
    analysis = analysis.json()
    print_table(analysis)


def percent(value):
    return "    —" if value is None else f"{100 * value:5.1f}%"


def print_table(analysis):
    print(f"\nmodel accuracy {percent(analysis['accuracy'])}, HLP {percent(analysis['hlp'])} "
          f"on {analysis['examples']} examples; slices by {analysis['sliceField']}, ranked by potential:")
    print(f"{'slice':<28} {'examples':>8} {'share':>7} {'accuracy':>9} {'HLP':>7} {'gap':>7} {'potential':>9}")
    for s in analysis["slices"]:
        gap = "    —" if s["gap"] is None else f"{100 * s['gap']:+5.1f}"
        print(f"{s['slice'][:28]:<28} {s['examples']:>8} {percent(s['share']):>7} {percent(s['accuracy']):>9} "
              f"{percent(s['hlp']):>7} {gap:>7} {percent(s['potential']):>9}")
    top = analysis["slices"][0] if analysis["slices"] else None
    if top and top["potential"]:
        print(f"\nthe most to gain: {top['slice']} ({percent(top['share']).strip()} of the data, "
              f"{100 * top['gap']:.1f} points below HLP)")


if __name__ == "__main__":
    main()
