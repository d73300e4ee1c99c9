# Data preparation task of the ML tutorial (a PYTHON task: the server replaces the two parameters below).
# Instead of downloading the airline passenger satisfaction data from OpenML, it draws a synthetic data
# set of the same shape (a few numeric and text columns, a binary `label`: 1 = satisfied) with a fixed
# seed, keeps the first top_n rows and writes train.csv, test.csv (with labels) and inference.csv (the
# test rows without labels) to output_path.
import os

import numpy as np
import pandas as pd

top_n = int("${top_n}")
output_path = "${output_path}"

rng = np.random.default_rng(20230101)
rows = top_n
frame = pd.DataFrame({
    "age": rng.integers(7, 85, size=rows),
    "customer_type": rng.choice(["Loyal", "Disloyal"], size=rows, p=[0.8, 0.2]),
    "type_of_travel": rng.choice(["Business travel", "Personal travel"], size=rows, p=[0.7, 0.3]),
    "travel_class": rng.choice(["Business", "Eco", "Eco Plus"], size=rows, p=[0.45, 0.45, 0.1]),
    "flight_distance": rng.gamma(2.0, 600.0, size=rows).round(),
    "inflight_wifi": rng.integers(0, 6, size=rows),
    "seat_comfort": rng.integers(1, 6, size=rows),
    "online_boarding": rng.integers(0, 6, size=rows),
    "departure_delay": rng.exponential(15.0, size=rows).round(),
})
score = (0.9 * (frame.travel_class == "Business") + 0.6 * (frame.type_of_travel == "Business travel")
         + 0.5 * (frame.customer_type == "Loyal") + 0.45 * (frame.online_boarding - 3)
         + 0.35 * (frame.inflight_wifi - 3) + 0.25 * (frame.seat_comfort - 3)
         - 0.02 * frame.departure_delay + rng.normal(scale=0.5, size=rows) - 0.9)
frame["label"] = (score > 0).astype(int)

shuffled = frame.sample(frac=1.0, random_state=0).reset_index(drop=True)
split = int(len(shuffled) * 0.8)
train, test = shuffled.iloc[:split], shuffled.iloc[split:]
os.makedirs(output_path, exist_ok=True)
train.to_csv(os.path.join(output_path, "train.csv"), index=False)
test.to_csv(os.path.join(output_path, "test.csv"), index=False)
test.drop(columns=["label"]).to_csv(os.path.join(output_path, "inference.csv"), index=False)
print(f"wrote {len(train)} training rows and {len(test)} test rows to {output_path}; "
      f"{frame.label.mean():.1%} of the passengers are satisfied")
