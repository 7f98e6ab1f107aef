/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  query Album($id: ID!, $signedIn: Boolean = true) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      rating {\n        average\n        count\n        mine\n      }\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.AlbumDocument,
    "\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.ArtistSongPageFragmentDoc,
    "\n  query Artist($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      name\n      followerCount\n      followedByMe\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": typeof types.ArtistDocument,
    "\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": typeof types.ArtistSongsDocument,
    "\n  query Library($first: Int!, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n      history(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n      playlists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n      followedArtists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.LibraryDocument,
    "\n  query LibraryLikedPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.LibraryLikedPageDocument,
    "\n  query LibraryHistoryPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      history(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.LibraryHistoryPageDocument,
    "\n  query LibraryPlaylistsPage($first: Int!, $after: String) {\n    library {\n      playlists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n": typeof types.LibraryPlaylistsPageDocument,
    "\n  query LibraryArtistsPage($first: Int!, $after: String) {\n    library {\n      followedArtists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.LibraryArtistsPageDocument,
    "\n  mutation ClearHistory {\n    clearHistory\n  }\n": typeof types.ClearHistoryDocument,
    "\n  query Discover($first: Int!, $signedIn: Boolean = true) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n": typeof types.DiscoverDocument,
    "\n  fragment PlaylistDetails on Playlist {\n    ...PlaylistSummary\n    createdAt\n    ownedByMe\n    editableByMe\n    collaborators {\n      id\n      displayName\n    }\n  }\n": typeof types.PlaylistDetailsFragmentDoc,
    "\n  fragment PlaylistItemFields on PlaylistItem {\n    id\n    position\n    addedAt\n    addedBy {\n      id\n      displayName\n    }\n    song {\n      ...TrackFields\n    }\n  }\n": typeof types.PlaylistItemFieldsFragmentDoc,
    "\n  query PlaylistPage($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      ...PlaylistDetails\n      items(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.PlaylistPageDocument,
    "\n  query PlaylistItems($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      id\n      items(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.PlaylistItemsDocument,
    "\n  mutation UpdatePlaylist($id: ID!, $input: UpdatePlaylistInput!) {\n    updatePlaylist(id: $id, input: $input) {\n      ...PlaylistDetails\n    }\n  }\n": typeof types.UpdatePlaylistDocument,
    "\n  mutation DeletePlaylist($id: ID!) {\n    deletePlaylist(id: $id)\n  }\n": typeof types.DeletePlaylistDocument,
    "\n  mutation MovePlaylistItem($playlistId: ID!, $itemId: ID!, $toPosition: Int!) {\n    movePlaylistItem(playlistId: $playlistId, itemId: $itemId, toPosition: $toPosition) {\n      id\n      updatedAt\n    }\n  }\n": typeof types.MovePlaylistItemDocument,
    "\n  mutation RemoveFromPlaylist($playlistId: ID!, $itemIds: [ID!]!) {\n    removeFromPlaylist(playlistId: $playlistId, itemIds: $itemIds) {\n      id\n      itemCount\n      updatedAt\n    }\n  }\n": typeof types.RemoveFromPlaylistDocument,
    "\n  mutation AddPlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    addPlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n": typeof types.AddPlaylistCollaboratorDocument,
    "\n  mutation RemovePlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    removePlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n": typeof types.RemovePlaylistCollaboratorDocument,
    "\n  query Search(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $others: Int!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  query Song($id: ID!, $signedIn: Boolean = true) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      loudnessLufs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n      likedByMe @include(if: $signedIn)\n      likeCount\n      playCount\n    }\n  }\n": typeof types.SongDocument,
    "\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n": typeof types.RequestSongUploadDocument,
    "\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n": typeof types.DeleteSongDocument,
    "\n  fragment UserUploadPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.UserUploadPageFragmentDoc,
    "\n  query UserProfile($id: ID!, $first: Int!, $playlists: Int!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      displayName\n      avatarUrl\n      createdAt\n      followerCount\n      followedByMe\n      uploads(first: $first) {\n        ...UserUploadPage\n      }\n      playlists(first: $playlists) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            itemCount\n            visibility\n            collaborative\n          }\n        }\n      }\n    }\n  }\n": typeof types.UserProfileDocument,
    "\n  query UserUploads($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      uploads(first: $first, after: $after) {\n        ...UserUploadPage\n      }\n    }\n  }\n": typeof types.UserUploadsDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n": typeof types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.SignInWithGoogleDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    editedAt\n    atMs\n    replyCount\n    deleted\n    hidden\n    likeCount\n    likedByMe\n    author {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  fragment CommentPage on CommentConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      node {\n        ...CommentFields\n      }\n    }\n  }\n": typeof types.CommentPageFragmentDoc,
    "\n  query SongComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    song(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n": typeof types.SongCommentsDocument,
    "\n  query PlaylistComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    playlist(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n": typeof types.PlaylistCommentsDocument,
    "\n  query AlbumComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    album(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n": typeof types.AlbumCommentsDocument,
    "\n  query CommentReplies($id: ID!, $first: Int!, $after: String) {\n    comment(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        ...CommentPage\n      }\n    }\n  }\n": typeof types.CommentRepliesDocument,
    "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(id: $id, body: $body) {\n      ...CommentFields\n    }\n  }\n": typeof types.EditCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation LikeComment($id: ID!) {\n    likeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n": typeof types.LikeCommentDocument,
    "\n  mutation UnlikeComment($id: ID!) {\n    unlikeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n": typeof types.UnlikeCommentDocument,
    "\n  mutation ReportComment($id: ID!, $reason: String!) {\n    reportComment(id: $id, reason: $reason)\n  }\n": typeof types.ReportCommentDocument,
    "\n  subscription CommentAdded($targetType: CommentTargetType!, $targetId: ID!) {\n    commentAdded(targetType: $targetType, targetId: $targetId) {\n      ...CommentFields\n      parent {\n        id\n      }\n    }\n  }\n": typeof types.CommentAddedDocument,
    "\n  query ForYou($first: Int!, $signedIn: Boolean = true) {\n    forYou(first: $first) {\n      ...TrackFields\n    }\n  }\n": typeof types.ForYouDocument,
    "\n  mutation MarkNotInterested($songId: ID!, $notInterested: Boolean!) {\n    markNotInterested(songId: $songId, notInterested: $notInterested) {\n      id\n      notInterested\n    }\n  }\n": typeof types.MarkNotInterestedDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": typeof types.PageInfoFieldsFragmentDoc,
    "\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n": typeof types.JamSessionFieldsFragmentDoc,
    "\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.JamSessionEventsDocument,
    "\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n": typeof types.JamSessionDetailsDocument,
    "\n  query ServerTime {\n    serverTime\n  }\n": typeof types.ServerTimeDocument,
    "\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n": typeof types.StartJamDocument,
    "\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n": typeof types.JoinJamDocument,
    "\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n": typeof types.LeaveJamDocument,
    "\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n": typeof types.EndJamDocument,
    "\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n": typeof types.ControlJamDocument,
    "\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n": typeof types.AddToJamQueueDocument,
    "\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n": typeof types.RemoveFromJamQueueDocument,
    "\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n": typeof types.MoveJamQueueItemDocument,
    "\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n": typeof types.SetJamGuestControlDocument,
    "\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.JamSongSearchDocument,
    "\n  query ModerationQueue($first: Int!, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        cursor\n        reportCount\n        reasons\n        lastReportedAt\n        node {\n          ...ModeratedCommentFields\n        }\n      }\n    }\n  }\n": typeof types.ModerationQueueDocument,
    "\n  fragment ModeratedCommentFields on Comment {\n    id\n    body\n    createdAt\n    deleted\n    hidden\n    targetType\n    targetId\n    author {\n      id\n      displayName\n    }\n  }\n": typeof types.ModeratedCommentFieldsFragmentDoc,
    "\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n": typeof types.HideCommentDocument,
    "\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n": typeof types.UnhideCommentDocument,
    "\n  query UnreadNotificationCount {\n    library {\n      unreadNotificationCount\n    }\n  }\n": typeof types.UnreadNotificationCountDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    read\n    song {\n      id\n      title\n      artist {\n        id\n        name\n      }\n    }\n    actor {\n      id\n      displayName\n    }\n    comment {\n      id\n    }\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query Notifications($first: Int!, $after: String) {\n    library {\n      unreadNotificationCount\n      notifications(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...NotificationFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  mutation RecordPlay($input: RecordPlayInput!) {\n    recordPlay(input: $input)\n  }\n": typeof types.RecordPlayDocument,
    "\n  fragment PlaylistSummary on Playlist {\n    id\n    name\n    description\n    visibility\n    collaborative\n    itemCount\n    updatedAt\n    owner {\n      id\n      displayName\n    }\n  }\n": typeof types.PlaylistSummaryFragmentDoc,
    "\n  mutation CreatePlaylist($input: CreatePlaylistInput!) {\n    createPlaylist(input: $input) {\n      ...PlaylistSummary\n    }\n  }\n": typeof types.CreatePlaylistDocument,
    "\n  mutation AddToPlaylist($playlistId: ID!, $songIds: [ID!]!) {\n    addToPlaylist(playlistId: $playlistId, songIds: $songIds) {\n      ...PlaylistSummary\n    }\n  }\n": typeof types.AddToPlaylistDocument,
    "\n  query MyPlaylists($first: Int!) {\n    library {\n      playlists(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyPlaylistsDocument,
    "\n  fragment ArtistFollowFields on Artist {\n    id\n    followedByMe\n    followerCount\n  }\n": typeof types.ArtistFollowFieldsFragmentDoc,
    "\n  fragment UserFollowFields on User {\n    id\n    followedByMe\n    followerCount\n  }\n": typeof types.UserFollowFieldsFragmentDoc,
    "\n  mutation FollowArtist($artistId: ID!) {\n    followArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n": typeof types.FollowArtistDocument,
    "\n  mutation UnfollowArtist($artistId: ID!) {\n    unfollowArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n": typeof types.UnfollowArtistDocument,
    "\n  mutation FollowUser($userId: ID!) {\n    followUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n": typeof types.FollowUserDocument,
    "\n  mutation UnfollowUser($userId: ID!) {\n    unfollowUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n": typeof types.UnfollowUserDocument,
    "\n  fragment SongLikeFields on Song {\n    id\n    likedByMe\n    likeCount\n  }\n": typeof types.SongLikeFieldsFragmentDoc,
    "\n  mutation LikeSong($songId: ID!) {\n    likeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n": typeof types.LikeSongDocument,
    "\n  mutation UnlikeSong($songId: ID!) {\n    unlikeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n": typeof types.UnlikeSongDocument,
    "\n  fragment AlbumRatingFields on Album {\n    id\n    rating {\n      average\n      count\n      mine\n    }\n  }\n": typeof types.AlbumRatingFieldsFragmentDoc,
    "\n  mutation RateAlbum($albumId: ID!, $stars: Int!) {\n    rateAlbum(albumId: $albumId, stars: $stars) {\n      ...AlbumRatingFields\n    }\n  }\n": typeof types.RateAlbumDocument,
    "\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SearchSuggestionsDocument,
    "\n  query SearchMoreSongs(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $after: String!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n": typeof types.SearchMoreSongsDocument,
    "\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n": typeof types.FacetFieldsFragmentDoc,
    "\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.SongSearchConnectionFieldsFragmentDoc,
    "\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n": typeof types.SongStatusDocument,
    "\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    loudnessLufs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n    likedByMe @include(if: $signedIn)\n    likeCount\n  }\n": typeof types.TrackFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.AccountDocument,
    "\n  query Album($id: ID!, $signedIn: Boolean = true) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      rating {\n        average\n        count\n        mine\n      }\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n": types.AlbumDocument,
    "\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": types.ArtistSongPageFragmentDoc,
    "\n  query Artist($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      name\n      followerCount\n      followedByMe\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": types.ArtistDocument,
    "\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": types.ArtistSongsDocument,
    "\n  query Library($first: Int!, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n      history(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n      playlists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n      followedArtists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n": types.LibraryDocument,
    "\n  query LibraryLikedPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n    }\n  }\n": types.LibraryLikedPageDocument,
    "\n  query LibraryHistoryPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      history(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.LibraryHistoryPageDocument,
    "\n  query LibraryPlaylistsPage($first: Int!, $after: String) {\n    library {\n      playlists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n": types.LibraryPlaylistsPageDocument,
    "\n  query LibraryArtistsPage($first: Int!, $after: String) {\n    library {\n      followedArtists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n": types.LibraryArtistsPageDocument,
    "\n  mutation ClearHistory {\n    clearHistory\n  }\n": types.ClearHistoryDocument,
    "\n  query Discover($first: Int!, $signedIn: Boolean = true) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n": types.DiscoverDocument,
    "\n  fragment PlaylistDetails on Playlist {\n    ...PlaylistSummary\n    createdAt\n    ownedByMe\n    editableByMe\n    collaborators {\n      id\n      displayName\n    }\n  }\n": types.PlaylistDetailsFragmentDoc,
    "\n  fragment PlaylistItemFields on PlaylistItem {\n    id\n    position\n    addedAt\n    addedBy {\n      id\n      displayName\n    }\n    song {\n      ...TrackFields\n    }\n  }\n": types.PlaylistItemFieldsFragmentDoc,
    "\n  query PlaylistPage($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      ...PlaylistDetails\n      items(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n": types.PlaylistPageDocument,
    "\n  query PlaylistItems($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      id\n      items(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n": types.PlaylistItemsDocument,
    "\n  mutation UpdatePlaylist($id: ID!, $input: UpdatePlaylistInput!) {\n    updatePlaylist(id: $id, input: $input) {\n      ...PlaylistDetails\n    }\n  }\n": types.UpdatePlaylistDocument,
    "\n  mutation DeletePlaylist($id: ID!) {\n    deletePlaylist(id: $id)\n  }\n": types.DeletePlaylistDocument,
    "\n  mutation MovePlaylistItem($playlistId: ID!, $itemId: ID!, $toPosition: Int!) {\n    movePlaylistItem(playlistId: $playlistId, itemId: $itemId, toPosition: $toPosition) {\n      id\n      updatedAt\n    }\n  }\n": types.MovePlaylistItemDocument,
    "\n  mutation RemoveFromPlaylist($playlistId: ID!, $itemIds: [ID!]!) {\n    removeFromPlaylist(playlistId: $playlistId, itemIds: $itemIds) {\n      id\n      itemCount\n      updatedAt\n    }\n  }\n": types.RemoveFromPlaylistDocument,
    "\n  mutation AddPlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    addPlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n": types.AddPlaylistCollaboratorDocument,
    "\n  mutation RemovePlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    removePlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n": types.RemovePlaylistCollaboratorDocument,
    "\n  query Search(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $others: Int!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n": types.SearchDocument,
    "\n  query Song($id: ID!, $signedIn: Boolean = true) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      loudnessLufs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n      likedByMe @include(if: $signedIn)\n      likeCount\n      playCount\n    }\n  }\n": types.SongDocument,
    "\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n": types.RequestSongUploadDocument,
    "\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n": types.DeleteSongDocument,
    "\n  fragment UserUploadPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": types.UserUploadPageFragmentDoc,
    "\n  query UserProfile($id: ID!, $first: Int!, $playlists: Int!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      displayName\n      avatarUrl\n      createdAt\n      followerCount\n      followedByMe\n      uploads(first: $first) {\n        ...UserUploadPage\n      }\n      playlists(first: $playlists) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            itemCount\n            visibility\n            collaborative\n          }\n        }\n      }\n    }\n  }\n": types.UserProfileDocument,
    "\n  query UserUploads($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      uploads(first: $first, after: $after) {\n        ...UserUploadPage\n      }\n    }\n  }\n": types.UserUploadsDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n": types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n": types.SignInWithGoogleDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    editedAt\n    atMs\n    replyCount\n    deleted\n    hidden\n    likeCount\n    likedByMe\n    author {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  fragment CommentPage on CommentConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      node {\n        ...CommentFields\n      }\n    }\n  }\n": types.CommentPageFragmentDoc,
    "\n  query SongComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    song(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n": types.SongCommentsDocument,
    "\n  query PlaylistComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    playlist(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n": types.PlaylistCommentsDocument,
    "\n  query AlbumComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    album(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n": types.AlbumCommentsDocument,
    "\n  query CommentReplies($id: ID!, $first: Int!, $after: String) {\n    comment(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        ...CommentPage\n      }\n    }\n  }\n": types.CommentRepliesDocument,
    "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(id: $id, body: $body) {\n      ...CommentFields\n    }\n  }\n": types.EditCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": types.DeleteCommentDocument,
    "\n  mutation LikeComment($id: ID!) {\n    likeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n": types.LikeCommentDocument,
    "\n  mutation UnlikeComment($id: ID!) {\n    unlikeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n": types.UnlikeCommentDocument,
    "\n  mutation ReportComment($id: ID!, $reason: String!) {\n    reportComment(id: $id, reason: $reason)\n  }\n": types.ReportCommentDocument,
    "\n  subscription CommentAdded($targetType: CommentTargetType!, $targetId: ID!) {\n    commentAdded(targetType: $targetType, targetId: $targetId) {\n      ...CommentFields\n      parent {\n        id\n      }\n    }\n  }\n": types.CommentAddedDocument,
    "\n  query ForYou($first: Int!, $signedIn: Boolean = true) {\n    forYou(first: $first) {\n      ...TrackFields\n    }\n  }\n": types.ForYouDocument,
    "\n  mutation MarkNotInterested($songId: ID!, $notInterested: Boolean!) {\n    markNotInterested(songId: $songId, notInterested: $notInterested) {\n      id\n      notInterested\n    }\n  }\n": types.MarkNotInterestedDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": types.PageInfoFieldsFragmentDoc,
    "\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n": types.JamSessionFieldsFragmentDoc,
    "\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.JamSessionEventsDocument,
    "\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n": types.JamSessionDetailsDocument,
    "\n  query ServerTime {\n    serverTime\n  }\n": types.ServerTimeDocument,
    "\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n": types.StartJamDocument,
    "\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n": types.JoinJamDocument,
    "\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n": types.LeaveJamDocument,
    "\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n": types.EndJamDocument,
    "\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n": types.ControlJamDocument,
    "\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n": types.AddToJamQueueDocument,
    "\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n": types.RemoveFromJamQueueDocument,
    "\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n": types.MoveJamQueueItemDocument,
    "\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n": types.SetJamGuestControlDocument,
    "\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.JamSongSearchDocument,
    "\n  query ModerationQueue($first: Int!, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        cursor\n        reportCount\n        reasons\n        lastReportedAt\n        node {\n          ...ModeratedCommentFields\n        }\n      }\n    }\n  }\n": types.ModerationQueueDocument,
    "\n  fragment ModeratedCommentFields on Comment {\n    id\n    body\n    createdAt\n    deleted\n    hidden\n    targetType\n    targetId\n    author {\n      id\n      displayName\n    }\n  }\n": types.ModeratedCommentFieldsFragmentDoc,
    "\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n": types.HideCommentDocument,
    "\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n": types.UnhideCommentDocument,
    "\n  query UnreadNotificationCount {\n    library {\n      unreadNotificationCount\n    }\n  }\n": types.UnreadNotificationCountDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    read\n    song {\n      id\n      title\n      artist {\n        id\n        name\n      }\n    }\n    actor {\n      id\n      displayName\n    }\n    comment {\n      id\n    }\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query Notifications($first: Int!, $after: String) {\n    library {\n      unreadNotificationCount\n      notifications(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...NotificationFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": types.MarkNotificationsReadDocument,
    "\n  mutation RecordPlay($input: RecordPlayInput!) {\n    recordPlay(input: $input)\n  }\n": types.RecordPlayDocument,
    "\n  fragment PlaylistSummary on Playlist {\n    id\n    name\n    description\n    visibility\n    collaborative\n    itemCount\n    updatedAt\n    owner {\n      id\n      displayName\n    }\n  }\n": types.PlaylistSummaryFragmentDoc,
    "\n  mutation CreatePlaylist($input: CreatePlaylistInput!) {\n    createPlaylist(input: $input) {\n      ...PlaylistSummary\n    }\n  }\n": types.CreatePlaylistDocument,
    "\n  mutation AddToPlaylist($playlistId: ID!, $songIds: [ID!]!) {\n    addToPlaylist(playlistId: $playlistId, songIds: $songIds) {\n      ...PlaylistSummary\n    }\n  }\n": types.AddToPlaylistDocument,
    "\n  query MyPlaylists($first: Int!) {\n    library {\n      playlists(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n": types.MyPlaylistsDocument,
    "\n  fragment ArtistFollowFields on Artist {\n    id\n    followedByMe\n    followerCount\n  }\n": types.ArtistFollowFieldsFragmentDoc,
    "\n  fragment UserFollowFields on User {\n    id\n    followedByMe\n    followerCount\n  }\n": types.UserFollowFieldsFragmentDoc,
    "\n  mutation FollowArtist($artistId: ID!) {\n    followArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n": types.FollowArtistDocument,
    "\n  mutation UnfollowArtist($artistId: ID!) {\n    unfollowArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n": types.UnfollowArtistDocument,
    "\n  mutation FollowUser($userId: ID!) {\n    followUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n": types.FollowUserDocument,
    "\n  mutation UnfollowUser($userId: ID!) {\n    unfollowUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n": types.UnfollowUserDocument,
    "\n  fragment SongLikeFields on Song {\n    id\n    likedByMe\n    likeCount\n  }\n": types.SongLikeFieldsFragmentDoc,
    "\n  mutation LikeSong($songId: ID!) {\n    likeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n": types.LikeSongDocument,
    "\n  mutation UnlikeSong($songId: ID!) {\n    unlikeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n": types.UnlikeSongDocument,
    "\n  fragment AlbumRatingFields on Album {\n    id\n    rating {\n      average\n      count\n      mine\n    }\n  }\n": types.AlbumRatingFieldsFragmentDoc,
    "\n  mutation RateAlbum($albumId: ID!, $stars: Int!) {\n    rateAlbum(albumId: $albumId, stars: $stars) {\n      ...AlbumRatingFields\n    }\n  }\n": types.RateAlbumDocument,
    "\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SearchSuggestionsDocument,
    "\n  query SearchMoreSongs(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $after: String!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n": types.SearchMoreSongsDocument,
    "\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n": types.FacetFieldsFragmentDoc,
    "\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": types.SongSearchConnectionFieldsFragmentDoc,
    "\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n": types.SongStatusDocument,
    "\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    loudnessLufs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n    likedByMe @include(if: $signedIn)\n    likeCount\n  }\n": types.TrackFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Album($id: ID!, $signedIn: Boolean = true) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      rating {\n        average\n        count\n        mine\n      }\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Album($id: ID!, $signedIn: Boolean = true) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      rating {\n        average\n        count\n        mine\n      }\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Artist($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      name\n      followerCount\n      followedByMe\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Artist($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      name\n      followerCount\n      followedByMe\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Library($first: Int!, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n      history(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n      playlists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n      followedArtists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Library($first: Int!, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n      history(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n      playlists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n      followedArtists(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LibraryLikedPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LibraryLikedPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      likedSongs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...TrackFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LibraryHistoryPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      history(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LibraryHistoryPage($first: Int!, $after: String, $signedIn: Boolean = true) {\n    library {\n      history(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            playedAt\n            msPlayed\n            song {\n              ...TrackFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LibraryPlaylistsPage($first: Int!, $after: String) {\n    library {\n      playlists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LibraryPlaylistsPage($first: Int!, $after: String) {\n    library {\n      playlists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LibraryArtistsPage($first: Int!, $after: String) {\n    library {\n      followedArtists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LibraryArtistsPage($first: Int!, $after: String) {\n    library {\n      followedArtists(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            id\n            name\n            followerCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearHistory {\n    clearHistory\n  }\n"): (typeof documents)["\n  mutation ClearHistory {\n    clearHistory\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Discover($first: Int!, $signedIn: Boolean = true) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n"): (typeof documents)["\n  query Discover($first: Int!, $signedIn: Boolean = true) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlaylistDetails on Playlist {\n    ...PlaylistSummary\n    createdAt\n    ownedByMe\n    editableByMe\n    collaborators {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment PlaylistDetails on Playlist {\n    ...PlaylistSummary\n    createdAt\n    ownedByMe\n    editableByMe\n    collaborators {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlaylistItemFields on PlaylistItem {\n    id\n    position\n    addedAt\n    addedBy {\n      id\n      displayName\n    }\n    song {\n      ...TrackFields\n    }\n  }\n"): (typeof documents)["\n  fragment PlaylistItemFields on PlaylistItem {\n    id\n    position\n    addedAt\n    addedBy {\n      id\n      displayName\n    }\n    song {\n      ...TrackFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaylistPage($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      ...PlaylistDetails\n      items(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlaylistPage($id: ID!, $first: Int!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      ...PlaylistDetails\n      items(first: $first) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaylistItems($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      id\n      items(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlaylistItems($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    playlist(id: $id) {\n      id\n      items(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...PlaylistItemFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePlaylist($id: ID!, $input: UpdatePlaylistInput!) {\n    updatePlaylist(id: $id, input: $input) {\n      ...PlaylistDetails\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePlaylist($id: ID!, $input: UpdatePlaylistInput!) {\n    updatePlaylist(id: $id, input: $input) {\n      ...PlaylistDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePlaylist($id: ID!) {\n    deletePlaylist(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePlaylist($id: ID!) {\n    deletePlaylist(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MovePlaylistItem($playlistId: ID!, $itemId: ID!, $toPosition: Int!) {\n    movePlaylistItem(playlistId: $playlistId, itemId: $itemId, toPosition: $toPosition) {\n      id\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation MovePlaylistItem($playlistId: ID!, $itemId: ID!, $toPosition: Int!) {\n    movePlaylistItem(playlistId: $playlistId, itemId: $itemId, toPosition: $toPosition) {\n      id\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromPlaylist($playlistId: ID!, $itemIds: [ID!]!) {\n    removeFromPlaylist(playlistId: $playlistId, itemIds: $itemIds) {\n      id\n      itemCount\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromPlaylist($playlistId: ID!, $itemIds: [ID!]!) {\n    removeFromPlaylist(playlistId: $playlistId, itemIds: $itemIds) {\n      id\n      itemCount\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    addPlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n"): (typeof documents)["\n  mutation AddPlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    addPlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    removePlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n"): (typeof documents)["\n  mutation RemovePlaylistCollaborator($playlistId: ID!, $userId: ID!) {\n    removePlaylistCollaborator(playlistId: $playlistId, userId: $userId) {\n      ...PlaylistDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $others: Int!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Search(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $others: Int!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Song($id: ID!, $signedIn: Boolean = true) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      loudnessLufs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n      likedByMe @include(if: $signedIn)\n      likeCount\n      playCount\n    }\n  }\n"): (typeof documents)["\n  query Song($id: ID!, $signedIn: Boolean = true) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      loudnessLufs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n      likedByMe @include(if: $signedIn)\n      likeCount\n      playCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserUploadPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment UserUploadPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserProfile($id: ID!, $first: Int!, $playlists: Int!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      displayName\n      avatarUrl\n      createdAt\n      followerCount\n      followedByMe\n      uploads(first: $first) {\n        ...UserUploadPage\n      }\n      playlists(first: $playlists) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            itemCount\n            visibility\n            collaborative\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserProfile($id: ID!, $first: Int!, $playlists: Int!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      displayName\n      avatarUrl\n      createdAt\n      followerCount\n      followedByMe\n      uploads(first: $first) {\n        ...UserUploadPage\n      }\n      playlists(first: $playlists) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            itemCount\n            visibility\n            collaborative\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserUploads($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      uploads(first: $first, after: $after) {\n        ...UserUploadPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserUploads($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {\n    user(id: $id) {\n      id\n      uploads(first: $first, after: $after) {\n        ...UserUploadPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    editedAt\n    atMs\n    replyCount\n    deleted\n    hidden\n    likeCount\n    likedByMe\n    author {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    body\n    createdAt\n    editedAt\n    atMs\n    replyCount\n    deleted\n    hidden\n    likeCount\n    likedByMe\n    author {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentPage on CommentConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      node {\n        ...CommentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CommentPage on CommentConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      node {\n        ...CommentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SongComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    song(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query SongComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    song(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaylistComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    playlist(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlaylistComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    playlist(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlbumComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    album(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlbumComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {\n    album(id: $id) {\n      id\n      comments(first: $first, after: $after, order: $order) {\n        ...CommentPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommentReplies($id: ID!, $first: Int!, $after: String) {\n    comment(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        ...CommentPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query CommentReplies($id: ID!, $first: Int!, $after: String) {\n    comment(id: $id) {\n      id\n      replies(first: $first, after: $after) {\n        ...CommentPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(id: $id, body: $body) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation EditComment($id: ID!, $body: String!) {\n    editComment(id: $id, body: $body) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikeComment($id: ID!) {\n    likeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation LikeComment($id: ID!) {\n    likeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikeComment($id: ID!) {\n    unlikeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnlikeComment($id: ID!) {\n    unlikeComment(id: $id) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportComment($id: ID!, $reason: String!) {\n    reportComment(id: $id, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation ReportComment($id: ID!, $reason: String!) {\n    reportComment(id: $id, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentAdded($targetType: CommentTargetType!, $targetId: ID!) {\n    commentAdded(targetType: $targetType, targetId: $targetId) {\n      ...CommentFields\n      parent {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CommentAdded($targetType: CommentTargetType!, $targetId: ID!) {\n    commentAdded(targetType: $targetType, targetId: $targetId) {\n      ...CommentFields\n      parent {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForYou($first: Int!, $signedIn: Boolean = true) {\n    forYou(first: $first) {\n      ...TrackFields\n    }\n  }\n"): (typeof documents)["\n  query ForYou($first: Int!, $signedIn: Boolean = true) {\n    forYou(first: $first) {\n      ...TrackFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotInterested($songId: ID!, $notInterested: Boolean!) {\n    markNotInterested(songId: $songId, notInterested: $notInterested) {\n      id\n      notInterested\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotInterested($songId: ID!, $notInterested: Boolean!) {\n    markNotInterested(songId: $songId, notInterested: $notInterested) {\n      id\n      notInterested\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"): (typeof documents)["\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n"): (typeof documents)["\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerTime {\n    serverTime\n  }\n"): (typeof documents)["\n  query ServerTime {\n    serverTime\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n"): (typeof documents)["\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n"): (typeof documents)["\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n"): (typeof documents)["\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationQueue($first: Int!, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        cursor\n        reportCount\n        reasons\n        lastReportedAt\n        node {\n          ...ModeratedCommentFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModerationQueue($first: Int!, $after: String) {\n    moderationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        cursor\n        reportCount\n        reasons\n        lastReportedAt\n        node {\n          ...ModeratedCommentFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModeratedCommentFields on Comment {\n    id\n    body\n    createdAt\n    deleted\n    hidden\n    targetType\n    targetId\n    author {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment ModeratedCommentFields on Comment {\n    id\n    body\n    createdAt\n    deleted\n    hidden\n    targetType\n    targetId\n    author {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      ...ModeratedCommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotificationCount {\n    library {\n      unreadNotificationCount\n    }\n  }\n"): (typeof documents)["\n  query UnreadNotificationCount {\n    library {\n      unreadNotificationCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    read\n    song {\n      id\n      title\n      artist {\n        id\n        name\n      }\n    }\n    actor {\n      id\n      displayName\n    }\n    comment {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    read\n    song {\n      id\n      title\n      artist {\n        id\n        name\n      }\n    }\n    actor {\n      id\n      displayName\n    }\n    comment {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int!, $after: String) {\n    library {\n      unreadNotificationCount\n      notifications(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...NotificationFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int!, $after: String) {\n    library {\n      unreadNotificationCount\n      notifications(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...NotificationFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPlay($input: RecordPlayInput!) {\n    recordPlay(input: $input)\n  }\n"): (typeof documents)["\n  mutation RecordPlay($input: RecordPlayInput!) {\n    recordPlay(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlaylistSummary on Playlist {\n    id\n    name\n    description\n    visibility\n    collaborative\n    itemCount\n    updatedAt\n    owner {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment PlaylistSummary on Playlist {\n    id\n    name\n    description\n    visibility\n    collaborative\n    itemCount\n    updatedAt\n    owner {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePlaylist($input: CreatePlaylistInput!) {\n    createPlaylist(input: $input) {\n      ...PlaylistSummary\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePlaylist($input: CreatePlaylistInput!) {\n    createPlaylist(input: $input) {\n      ...PlaylistSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToPlaylist($playlistId: ID!, $songIds: [ID!]!) {\n    addToPlaylist(playlistId: $playlistId, songIds: $songIds) {\n      ...PlaylistSummary\n    }\n  }\n"): (typeof documents)["\n  mutation AddToPlaylist($playlistId: ID!, $songIds: [ID!]!) {\n    addToPlaylist(playlistId: $playlistId, songIds: $songIds) {\n      ...PlaylistSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPlaylists($first: Int!) {\n    library {\n      playlists(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPlaylists($first: Int!) {\n    library {\n      playlists(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...PlaylistSummary\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ArtistFollowFields on Artist {\n    id\n    followedByMe\n    followerCount\n  }\n"): (typeof documents)["\n  fragment ArtistFollowFields on Artist {\n    id\n    followedByMe\n    followerCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFollowFields on User {\n    id\n    followedByMe\n    followerCount\n  }\n"): (typeof documents)["\n  fragment UserFollowFields on User {\n    id\n    followedByMe\n    followerCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowArtist($artistId: ID!) {\n    followArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation FollowArtist($artistId: ID!) {\n    followArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowArtist($artistId: ID!) {\n    unfollowArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnfollowArtist($artistId: ID!) {\n    unfollowArtist(artistId: $artistId) {\n      ...ArtistFollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowUser($userId: ID!) {\n    followUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation FollowUser($userId: ID!) {\n    followUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowUser($userId: ID!) {\n    unfollowUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnfollowUser($userId: ID!) {\n    unfollowUser(userId: $userId) {\n      ...UserFollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SongLikeFields on Song {\n    id\n    likedByMe\n    likeCount\n  }\n"): (typeof documents)["\n  fragment SongLikeFields on Song {\n    id\n    likedByMe\n    likeCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikeSong($songId: ID!) {\n    likeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n"): (typeof documents)["\n  mutation LikeSong($songId: ID!) {\n    likeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikeSong($songId: ID!) {\n    unlikeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnlikeSong($songId: ID!) {\n    unlikeSong(songId: $songId) {\n      ...SongLikeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlbumRatingFields on Album {\n    id\n    rating {\n      average\n      count\n      mine\n    }\n  }\n"): (typeof documents)["\n  fragment AlbumRatingFields on Album {\n    id\n    rating {\n      average\n      count\n      mine\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateAlbum($albumId: ID!, $stars: Int!) {\n    rateAlbum(albumId: $albumId, stars: $stars) {\n      ...AlbumRatingFields\n    }\n  }\n"): (typeof documents)["\n  mutation RateAlbum($albumId: ID!, $stars: Int!) {\n    rateAlbum(albumId: $albumId, stars: $stars) {\n      ...AlbumRatingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchMoreSongs(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $after: String!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchMoreSongs(\n    $query: String!\n    $filter: SearchFilter\n    $first: Int!\n    $after: String!\n    $signedIn: Boolean = true\n  ) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n"): (typeof documents)["\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    loudnessLufs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n    likedByMe @include(if: $signedIn)\n    likeCount\n  }\n"): (typeof documents)["\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    loudnessLufs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n    likedByMe @include(if: $signedIn)\n    likeCount\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;