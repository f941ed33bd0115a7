"""Errors the environment causes, each with a message a worker can act on (Chinese first).

Everything else is a bug and propagates with its traceback.
"""

from __future__ import annotations

from sync.client.errors import ExpectedError


class StoreError(ExpectedError):
    """An expected failure of the local store."""

    user_message = "本地数据库出错。"


class WrongKeyError(StoreError):
    """The key does not open the database (or the file is not a database)."""

    user_message = (
        "数据库密钥不正确或文件已损坏，请重新登录以恢复密钥。(The database key is wrong.)"
    )


class KeyLostError(StoreError):
    """The keyring has no key for an existing database: a login with the password recovers it."""

    user_message = (
        "本机密钥环中没有此账户的数据库密钥，请联网或用密码重新登录以恢复。(Log in again.)"
    )


class PasswordChangedError(KeyLostError):
    """The centre took a new password, but the local key is wrapped by the one before it.

    The keyring has lost the key, so only the previous password opens the local database:
    unlocking offline with it once puts the key back in the keyring, and the next online
    login with the new password wraps the key with that one.
    """

    user_message = (
        "中心已接受新密码，但本机数据库仍由旧密码保护，且系统密钥环中没有数据库密钥。"
        "请先用旧密码离线登录一次，再用新密码联网登录。"
        "(The centre has a new password; unlock offline once with the previous one.)"
    )


class BadPasswordError(StoreError):
    """The password does not match the one this laptop saw at the last online login."""

    user_message = "密码不正确。(Wrong password.)"


class NoAccountError(StoreError):
    """No account has logged in on this laptop (or not the one named)."""

    user_message = "此电脑上还没有登录过该账户，请先联网登录。(Log in online first.)"


class RecordNotFoundError(StoreError):
    """A record id that the local database does not hold."""

    user_message = "找不到该记录。(No such record.)"


class DatabaseTooNewError(StoreError):
    """The database was written by a newer program version than this one."""

    user_message = "数据库由更新版本的程序创建，请升级本程序。(Upgrade the program.)"


class DiskFullError(StoreError):
    """The disk is full: the change in hand was not saved, and nothing saved before is lost
    (the transaction rolled back)."""

    user_message = (
        "磁盘空间已满，这次的修改没有保存，已保存的记录不受影响。"
        "请删除不需要的文件，腾出空间后再保存。(The disk is full.)"
    )
    urgent = True


class DiskWriteError(StoreError):
    """The disk refused to read or write (an I/O error, a read-only medium): as for a full
    disk, the change in hand was not saved and nothing saved before is lost."""

    user_message = (
        "本机磁盘读写出错，这次的修改没有保存，已保存的记录不受影响。"
        "请检查磁盘，或联系管理员。(The disk refused to write.)"
    )
    urgent = True
