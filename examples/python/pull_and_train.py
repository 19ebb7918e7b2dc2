#!/usr/bin/env python3
"""Pull the latest released dataset of a Concord project, verify it, train and score a model.

Usage: CONCORD_URL=http://localhost:8080 CONCORD_TOKEN=cnc_... python3 pull_and_train.py comment-spam

The token is an API token (My account -> API tokens, or POST /api/me/tokens) of an ADMIN or SME.
Needs pandas and scikit-learn (Debian: apt-get install python3-pandas python3-sklearn).
"""
import hashlib
import io
import json
import os
import sys
import urllib.request

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline


def fetch(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def main():
    base = os.environ.get("CONCORD_URL", "http://localhost:8080").rstrip("/")
    token = os.environ["CONCORD_TOKEN"]
    project = sys.argv[1] if len(sys.argv) > 1 else "comment-spam"
    text_column = os.environ.get("TEXT_COLUMN", "CONTENT")
    label_column = os.environ.get("LABEL_COLUMN", "CLASS")

    root = f"{base}/api/projects/{project}/datasets/latest"
    manifest = json.loads(fetch(f"{root}/manifest.json", token))
    version = manifest["version"]
    # Pin the version we read the manifest of, so the files match it even if a new one is released now.
    data = fetch(f"{base}/api/projects/{project}/datasets/{version}/data.csv", token)
    expected = manifest["files"]["data.csv"]["sha256"]
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        sys.exit(f"data.csv of version {version} does not match its manifest: {actual} != {expected}")
    print(f"version {version}: data.csv verified (sha256 {actual[:12]}..., {len(data)} bytes)")

    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    train = frame[frame["split"] == "train"]
    test = frame[frame["split"].isin(["test", "eval"])]
    print(f"train {len(train)} rows, test {len(test)} rows; classes {sorted(frame[label_column].unique())}")
    if train[label_column].nunique() < 2 or len(test) == 0:
        sys.exit("the release needs at least two classes in train and a test split to score a model")

    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=1), LogisticRegression(max_iter=1000))
    model.fit(train[text_column], train[label_column])
    predicted = model.predict(test[text_column])
    print(f"test accuracy {accuracy_score(test[label_column], predicted):.3f}, "
          f"macro F1 {f1_score(test[label_column], predicted, average='macro'):.3f}")


if __name__ == "__main__":
    main()
