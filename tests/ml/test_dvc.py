"""DVC task against real git and dvc: a local bare git repository and a local DVC remote directory.

Init, then two uploads (versions as git tags), then downloads of both versions: the data must come back
byte for byte. Failures in the middle of the sequence must fail the task (DolphinScheduler only looks at
the last command's exit code).
"""
import os
import subprocess

import pytest


@pytest.fixture
def dvc_repo(tmp_path, tasks):
    bare = tmp_path / "repo.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    store = tmp_path / "store"
    store.mkdir()
    result = tasks.run("DVC", {"dvcTaskType": "Init DVC", "dvcRepository": "${repo}", "dvcStoreUrl": "${store}"},
                       params={"repo": str(bare), "store": str(store)}).check()
    assert "Initialized DVC repository" in result.output
    return bare, store


def git_tags(bare):
    out = subprocess.run(["git", "-C", str(bare), "tag", "-n1"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0]: " ".join(line.split()[1:]) for line in out.splitlines()}


def upload(tasks, bare, source, location, version, message="version ${version}"):
    return tasks.run("DVC", {"dvcTaskType": "Upload", "dvcRepository": str(bare), "dvcDataLocation": location,
                             "dvcLoadSaveDataPath": str(source), "dvcVersion": "${version}",
                             "dvcMessage": message}, params={"version": version})


def download(tasks, bare, location, target, version):
    return tasks.run("DVC", {"dvcTaskType": "Download", "dvcRepository": str(bare), "dvcDataLocation": location,
                             "dvcLoadSaveDataPath": str(target), "dvcVersion": version})


def test_init_commits_the_dvc_config_with_the_remote(dvc_repo, tmp_path):
    bare, store = dvc_repo
    config = subprocess.run(["git", "-C", str(bare), "show", "HEAD:.dvc/config"], capture_output=True, text=True,
                            check=True).stdout
    assert "remote = origin" in config and str(store) in config
    author = subprocess.run(["git", "-C", str(bare), "log", "-1", "--format=%an <%ae>"], capture_output=True,
                            text=True, check=True).stdout.strip()
    assert author == "Porpoise <porpoise@localhost>"


def test_versions_round_trip_byte_for_byte(dvc_repo, tasks, tmp_path):
    bare, store = dvc_repo
    source = tmp_path / "features.bin"
    v1 = os.urandom(200_000) + b"\r\n\x00 end of v1"
    source.write_bytes(v1)
    upload(tasks, bare, source, "data/features.bin", "v1").check()
    v2 = os.urandom(150_000) + b"end of v2\n"
    source.write_bytes(v2)
    upload(tasks, bare, source, "data/features.bin", "v2").check()

    assert git_tags(bare) == {"v1": "version v1", "v2": "version v2"}
    assert any(store.rglob("*")), "nothing was pushed to the DVC remote"
    for version, expected in (("v1", v1), ("v2", v2)):
        target = tmp_path / f"out-{version}.bin"
        download(tasks, bare, "data/features.bin", target, version).check()
        assert target.read_bytes() == expected


def test_a_folder_round_trips(dvc_repo, tasks, tmp_path):
    bare, _ = dvc_repo
    folder = tmp_path / "train_data"
    folder.mkdir()
    (folder / "train.csv").write_text("x,label\n1,0\n2,1\n")
    (folder / "test.csv").write_text("x,label\n3,1\n")
    upload(tasks, bare, folder, "data", "v1").check()
    target = tmp_path / "restored"
    download(tasks, bare, "data", target, "v1").check()
    assert sorted(p.name for p in target.iterdir()) == ["test.csv", "train.csv"]
    assert (target / "train.csv").read_text() == "x,label\n1,0\n2,1\n"


def test_an_existing_version_tag_fails_the_upload(dvc_repo, tasks, tmp_path):
    bare, _ = dvc_repo
    source = tmp_path / "a.csv"
    source.write_text("a\n1\n")
    upload(tasks, bare, source, "a.csv", "v1").check()
    source.write_text("a\n2\n")
    result = upload(tasks, bare, source, "a.csv", "v1")
    assert result.exit_code != 0, result.output
    assert 'DVC task failed: "git tag' in result.output
    assert git_tags(bare) == {"v1": "version v1"}


def test_unknown_repository_fails_at_the_clone(tasks, tmp_path):
    result = tasks.run("DVC", {"dvcTaskType": "Init DVC", "dvcRepository": str(tmp_path / "missing.git"),
                               "dvcStoreUrl": str(tmp_path / "store")})
    assert result.exit_code != 0
    assert 'DVC task failed: "git clone' in result.output


def test_unknown_version_fails_the_download(dvc_repo, tasks, tmp_path):
    bare, _ = dvc_repo
    result = download(tasks, bare, "data/none.csv", tmp_path / "x.csv", "v9")
    assert result.exit_code != 0
    assert not (tmp_path / "x.csv").exists()
