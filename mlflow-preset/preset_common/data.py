"""Training data for the preset projects.

data_path is either a CSV file, split 75 % / 25 % into train and test (stratified when every class has
at least two rows, with a fixed seed), or a folder holding train.csv and test.csv. The label column
defaults to `label`; every other column is a feature (numbers as they are, text one-hot encoded).
"""
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SPLIT_SEED = 42


def _read_csv(path):
    if not path.is_file():
        raise FileNotFoundError(f"data file {path} does not exist")
    return pd.read_csv(path)


def _features_and_label(frame, label_column, source):
    if label_column not in frame.columns:
        raise ValueError(f"{source} has no label column {label_column!r}; its columns are {list(frame.columns)}")
    features = frame.drop(columns=[label_column])
    if features.shape[1] == 0:
        raise ValueError(f"{source} has no feature columns besides {label_column!r}")
    return features, frame[label_column]


def load_dataset(data_path, label_column="label"):
    """(X_train, X_test, y_train, y_test) from a CSV file or a folder with train.csv and test.csv."""
    path = Path(data_path)
    if path.is_dir():
        X_train, y_train = _features_and_label(_read_csv(path / "train.csv"), label_column, path / "train.csv")
        X_test, y_test = _features_and_label(_read_csv(path / "test.csv"), label_column, path / "test.csv")
        return X_train, X_test, y_train, y_test
    if path.suffix.lower() != ".csv":
        raise ValueError(f"data_path {data_path} must be a .csv file or a folder with train.csv and test.csv")
    X, y = _features_and_label(_read_csv(path), label_column, path)
    stratify = y if y.value_counts().min() >= 2 else None
    return train_test_split(X, y, test_size=0.25, random_state=SPLIT_SEED, stratify=stratify)


def preprocessor(features, scale_numbers):
    """A ColumnTransformer for these feature columns: numbers (optionally standardised), text one-hot."""
    numeric = [c for c in features.columns if pd.api.types.is_numeric_dtype(features[c])]
    categorical = [c for c in features.columns if c not in numeric]
    steps = []
    if numeric:
        steps.append(("numbers", StandardScaler() if scale_numbers else "passthrough", numeric))
    if categorical:
        steps.append(("categories", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical))
    return ColumnTransformer(steps)
